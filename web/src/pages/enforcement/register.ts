// Enforcement's place in the shell: its texts (the menu names the responsibility page).
import '../../i18n/enforcement.ts';
