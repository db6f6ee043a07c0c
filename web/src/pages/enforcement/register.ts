// Enforcement's place in the shell: its texts (the menu names the responsibility, class and plan pages).
import '../../i18n/enforcement.ts';
import '../../i18n/supervision.ts';
