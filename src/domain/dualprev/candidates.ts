/**
 * Hazards suggested by monitoring (监测预警转隐患): an alarm the analysis found to be real danger, a
 * red alarm on the phreatic line (88号: 浸润线埋深小于控制浸润线埋深) or on freeboard / dry beach
 * (安全超高和干滩长度小于设计规定), and a monitoring system out of order past its repair limit. Each
 * is a candidate major hazard with the alarm as its evidence and, where the standard names the
 * situation, its 88号 criterion pre-selected.
 */
export const CANDIDATE_REASONS = ['danger', 'phreatic_red', 'freeboard_red', 'monitoring_system'] as const;
export type CandidateReason = (typeof CANDIDATE_REASONS)[number];

export const PHREATIC_KINDS = ['phreatic_depth', 'phreatic_elevation'] as const;
export const FREEBOARD_KINDS = ['freeboard', 'beach_length'] as const;

const CRITERION_OF: Record<CandidateReason, string | null> = {
  danger: null,
  phreatic_red: '88-TP-PHREATIC',
  freeboard_red: '88-TP-FREEBOARD',
  monitoring_system: '88-TP-MON-2',
};

export interface CandidateAlarm {
  kind: string;
  level: string;
  cause: string | null;
  sensorKind: string | null;
}

/** Why an alarm suggests a major hazard, most specific first, or null when it does not. */
export function candidateReason(a: CandidateAlarm): CandidateReason | null {
  if (a.kind === 'monitoring_system') return 'monitoring_system';
  // A reading the analysis put down to a fault or a false alarm is no hazard of the dam.
  if (a.cause !== null && a.cause !== 'danger') return null;
  if (a.level === 'red' && a.sensorKind && (PHREATIC_KINDS as readonly string[]).includes(a.sensorKind)) return 'phreatic_red';
  if (a.level === 'red' && a.sensorKind && (FREEBOARD_KINDS as readonly string[]).includes(a.sensorKind)) return 'freeboard_red';
  if (a.cause === 'danger') return 'danger';
  return null;
}

/** The criterion to pre-select: the tailings-pond items apply to tailings ponds only. */
export function candidateCriterion(reason: CandidateReason, siteKind: string): string | null {
  const id = CRITERION_OF[reason];
  return id && siteKind === 'tailings_pond' ? id : null;
}
