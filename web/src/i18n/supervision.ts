// Adds the supervision texts (classes, plans, change requests) to the shared i18n instance (deep merge).
import i18n from './index.ts';
import { supervisionEn } from './supervision.en.ts';
import { supervisionZh } from './supervision.zh.ts';

i18n.addResourceBundle('zh', 'translation', supervisionZh, true, false);
i18n.addResourceBundle('en', 'translation', supervisionEn, true, false);
