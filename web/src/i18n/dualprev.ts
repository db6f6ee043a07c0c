// Adds the dual-prevention texts to the shared i18n instance (deep merge, so shared keys stay).
import i18n from './index.ts';
import { dualprevEn } from './dualprev.en.ts';
import { dualprevZh } from './dualprev.zh.ts';

i18n.addResourceBundle('zh', 'translation', dualprevZh, true, false);
i18n.addResourceBundle('en', 'translation', dualprevEn, true, false);
