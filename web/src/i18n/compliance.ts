// Adds the compliance texts to the shared i18n instance (deep merge, so shared keys stay).
import i18n from './index.ts';
import { complianceEn } from './compliance.en.ts';
import { complianceZh } from './compliance.zh.ts';

i18n.addResourceBundle('zh', 'translation', complianceZh, true, false);
i18n.addResourceBundle('en', 'translation', complianceEn, true, false);
