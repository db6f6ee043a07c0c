import { Empty, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../auth/auth.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { RegionSelect } from '../../components/RegionSelect.tsx';
import { useUrlState } from '../../components/useUrlState.ts';
import '../../i18n/supervision.ts';
import { BlindSpotsTab } from './BlindSpotsTab.tsx';
import { PlanVisitsTab } from './PlanVisitsTab.tsx';
import { SpecialPeriodsTab } from './SpecialPeriodsTab.tsx';

/** Enforcement plans (执法计划) of a region: visits per site, the blind-spot report and special periods. */
export default function PlansPage() {
  const { t } = useTranslation();
  const user = useUser();
  const [f, setF] = useUrlState(['region', 'tab'] as const);
  const region = f.region ?? user.region ?? undefined;
  const tab = f.tab ?? 'visits';
  return (
    <div data-testid="plans-page">
      <PageTitle title={t('sup.plans.title')} />
      <div className="ka-filters">
        <RegionSelect value={region} onChange={(v) => setF({ region: v })} allowClear={false} />
      </div>
      {!region ? (
        <Empty description={t('sup.plans.chooseRegion')} />
      ) : (
        <Tabs
          activeKey={tab}
          onChange={(k) => setF({ tab: k === 'visits' ? undefined : k })}
          destroyOnHidden
          items={[
            { key: 'visits', label: t('sup.plans.visits'), children: <PlanVisitsTab region={region} /> },
            { key: 'blind', label: t('sup.plans.blindSpots'), children: <BlindSpotsTab region={region} /> },
            { key: 'periods', label: t('sup.plans.specialPeriods'), children: <SpecialPeriodsTab region={region} /> },
          ]}
        />
      )}
    </div>
  );
}
