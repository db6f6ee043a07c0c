// Compliance's place in the shell: its texts, and the site page's compliance tab.
import { lazy } from 'react';
import '../../i18n/compliance.ts';
import { registerSiteTab } from '../site/tabs.ts';

registerSiteTab({
  key: 'compliance',
  labelKey: 'cmp.siteTab',
  order: 40,
  component: lazy(() => import('./SiteComplianceTab.tsx')),
});
