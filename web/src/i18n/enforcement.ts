// Adds the enforcement texts to the shared i18n instance (deep merge, so shared keys stay).
import i18n from './index.ts';
import { enforcementEn } from './enforcement.en.ts';
import { enforcementZh } from './enforcement.zh.ts';

i18n.addResourceBundle('zh', 'translation', enforcementZh, true, false);
i18n.addResourceBundle('en', 'translation', enforcementEn, true, false);
