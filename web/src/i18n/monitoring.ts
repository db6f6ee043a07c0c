// Adds the monitoring and network texts to the shared i18n instance (deep merge, so shared keys stay).
import i18n from './index.ts';
import { monitoringEn } from './monitoring.en.ts';
import { monitoringZh } from './monitoring.zh.ts';
import { monitoringSettingsEn } from './monitoringSettings.en.ts';
import { monitoringSettingsZh } from './monitoringSettings.zh.ts';

i18n.addResourceBundle('zh', 'translation', monitoringZh, true, false);
i18n.addResourceBundle('en', 'translation', monitoringEn, true, false);
i18n.addResourceBundle('zh', 'translation', monitoringSettingsZh, true, false);
i18n.addResourceBundle('en', 'translation', monitoringSettingsEn, true, false);
