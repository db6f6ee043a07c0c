// Adds the campaign ledger's texts to the shared i18n instance (deep merge, so shared keys stay).
import i18n from './index.ts';
import { campaignEn } from './campaign.en.ts';
import { campaignZh } from './campaign.zh.ts';

i18n.addResourceBundle('zh', 'translation', campaignZh, true, false);
i18n.addResourceBundle('en', 'translation', campaignEn, true, false);
