import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Site } from '../../api/types.ts';

/**
 * Tabs of the site detail page beyond its own fields. A capability adds its view of a site here
 * (monitoring, risks, hazards, inspections …) without touching the page:
 *
 *   registerSiteTab({ key: 'monitoring', labelKey: 'site.monitoring', order: 20, component: lazy(() => import('./MyTab.tsx')) });
 *
 * Registering a key again replaces the earlier entry, so a built feature takes over its placeholder.
 */
export interface SiteTabProps {
  site: Site;
}

export interface SiteTab {
  key: string;
  /** i18n key of the tab's title. */
  labelKey: string;
  /** Position among the tabs: overview is 0, history is 1000. */
  order: number;
  component: ComponentType<SiteTabProps> | LazyExoticComponent<ComponentType<SiteTabProps>>;
  /** Whether the tab applies to this site (e.g. dam monitoring only for tailings ponds). */
  applies?: (site: Site) => boolean;
}

const tabs = new Map<string, SiteTab>();

export function registerSiteTab(tab: SiteTab) {
  tabs.set(tab.key, tab);
}

export function siteTabsFor(site: Site): SiteTab[] {
  return [...tabs.values()].filter((t) => !t.applies || t.applies(site)).sort((a, b) => a.order - b.order);
}

registerSiteTab({
  key: 'monitoring',
  labelKey: 'site.monitoring',
  order: 20,
  component: lazy(() => import('./MonitoringPlaceholder.tsx')),
});
