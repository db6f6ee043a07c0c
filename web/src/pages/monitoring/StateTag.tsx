import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AlarmState } from './model.ts';

const COLOR: Record<AlarmState, string> = { open: 'red', acknowledged: 'orange', analysed: 'gold', verified: 'cyan', closed: 'default' };

export function StateTag({ state }: { state: AlarmState }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLOR[state]} data-testid="alarm-state" data-state={state}>
      {t(`mon.alarm.states.${state}`)}
    </Tag>
  );
}
