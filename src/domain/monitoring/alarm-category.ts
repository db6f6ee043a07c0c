/**
 * What an alarm is about. The four colours of GB 39496-2020 §5.5.4 are safety warnings (预警) about the
 * dam; a sensor, station or node that stopped sending is a network data-transmission alarm
 * (联网数据传输报警, 数据中断): it is shown with its own tag and never counted among the warnings by
 * level, so a silent station cannot read as "yellow warning" beside a dam's real ones. Its stored level
 * only sets how fast it must be answered.
 */
export type AlarmCategory = 'safety' | 'transmission' | 'quality';

export const TRANSMISSION_KINDS = ['offline', 'site_offline', 'network'] as const;

export function alarmCategory(kind: string): AlarmCategory {
  if ((TRANSMISSION_KINDS as readonly string[]).includes(kind)) return 'transmission';
  if (kind === 'quality') return 'quality';
  return 'safety';
}

export const CATEGORY_LABELS: Record<AlarmCategory, { zh: string; en: string }> = {
  safety: { zh: '安全预警', en: 'Safety warning' },
  transmission: { zh: '数据中断（联网数据传输报警）', en: 'Data interrupted (network data transmission alarm)' },
  quality: { zh: '数据质量', en: 'Data quality' },
};
