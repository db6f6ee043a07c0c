import { Result } from 'antd';
import { ClockCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { SiteTabProps } from './tabs.ts';

export default function MonitoringPlaceholder(_: SiteTabProps) {
  const { t } = useTranslation();
  return <Result icon={<ClockCircleOutlined style={{ color: '#8c8c8c' }} />} title={t('notAvailable.title')} subTitle={t('siteTabs.monitoringPending')} />;
}
