// Monitoring's place in the shell: its texts, and the site page's monitoring tab.
import { lazy } from 'react';
import '../../i18n/monitoring.ts';
// The menu names the change requests page.
import '../../i18n/supervision.ts';
import { registerSiteTab } from '../site/tabs.ts';

registerSiteTab({
  key: 'monitoring',
  labelKey: 'site.monitoring',
  order: 20,
  component: lazy(() => import('./SiteMonitoringTab.tsx')),
});
