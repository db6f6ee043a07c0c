import { Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';

/** Whether the live alarm stream is connected: a wall screen must show when it is not. */
export function LiveBadge({ connected }: { connected: boolean }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={connected ? undefined : t('mon.overview.liveOff')}>
      <span className="ka-live" data-testid="live-badge" data-connected={connected}>
        <span className={`ka-live-dot${connected ? ' on' : ''}`} />
        {connected ? t('mon.overview.live') : t('mon.overview.liveOff')}
      </span>
    </Tooltip>
  );
}
