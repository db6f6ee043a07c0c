// Compliance's place in the shell: its texts.
import '../../i18n/compliance.ts';
