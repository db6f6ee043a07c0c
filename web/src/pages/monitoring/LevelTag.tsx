import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { LEVEL_COLOR, LEVEL_TEXT, NORMAL_COLOR, OFFLINE_COLOR, isTransmission, type AlarmCategory, type Level } from './model.ts';

/** 蓝色/黄色/橙色/红色预警 in the standard's colours; "normal" in green when there is no warning. */
export function LevelTag({ level, short }: { level: Level | null | undefined; short?: boolean }) {
  const { t } = useTranslation();
  if (!level) return <Tag color={NORMAL_COLOR} variant="solid">{t('mon.level.none')}</Tag>;
  return (
    <Tag color={LEVEL_COLOR[level]} variant="solid" style={{ color: LEVEL_TEXT[level], fontWeight: 600 }} data-level={level}>
      {short ? t(`mon.levelShort.${level}`) : t(`mon.level.${level}`)}
    </Tag>
  );
}

/** Data interrupted (数据中断): a transmission alarm's own tag, never a colour warning. */
export function TransmissionTag({ count }: { count?: number }) {
  const { t } = useTranslation();
  return (
    <Tag color={OFFLINE_COLOR} variant="solid" data-category="transmission">
      {t('mon.transmission.tag')}
      {count !== undefined ? ` ${count}` : ''}
    </Tag>
  );
}

/** An alarm's tag: its warning level, or 数据中断 for a silent sensor or station. */
export function AlarmTag({ alarm }: { alarm: { category?: AlarmCategory; kind: string; level: Level } }) {
  return isTransmission(alarm) ? <TransmissionTag /> : <LevelTag level={alarm.level} />;
}

/** Open alarms per level as small coloured counts: 红 2 橙 1. */
export function LevelCounts({ counts }: { counts: Partial<Record<Level, number>> }) {
  const order: Level[] = ['red', 'orange', 'yellow', 'blue'];
  const present = order.filter((l) => (counts[l] ?? 0) > 0);
  if (!present.length) return <span className="ka-muted">0</span>;
  return (
    <span style={{ display: 'inline-flex', gap: 4, flexWrap: 'wrap' }}>
      {present.map((l) => (
        <span key={l} className="ka-level-count" style={{ background: LEVEL_COLOR[l], color: LEVEL_TEXT[l] }}>
          {counts[l]}
        </span>
      ))}
    </span>
  );
}
