/**
 * Enforcement inspections (执法检查): planned, unscheduled (around holidays and major events) and
 * in-depth "dissection" inspections (解剖式执法检查). Findings are added while the inspection is open;
 * completing it numbers its documents — the on-site record (现场检查记录) always, the order to
 * rectify within a time limit (责令限期整改指令书) when there are findings — per issuing region and
 * year, with no gap and no repeat.
 */
import { nextState, type TransitionTable } from './lifecycle.ts';

export const INSPECTION_KINDS = ['planned', 'unscheduled', 'in_depth'] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];

export const INSPECTION_STATES = ['open', 'completed'] as const;
export type InspectionState = (typeof INSPECTION_STATES)[number];

export const INSPECTION_ACTIONS = ['findings', 'complete'] as const;
export type InspectionAction = (typeof INSPECTION_ACTIONS)[number];

export const INSPECTION_TRANSITIONS: TransitionTable<InspectionState, InspectionAction> = {
  findings: { from: ['open'], to: null },
  complete: { from: ['open'], to: 'completed' },
};

export function inspectionAfter(state: InspectionState, action: InspectionAction): InspectionState {
  return nextState(INSPECTION_TRANSITIONS, 'inspection', state, action);
}

export const FINDING_GRADES = ['general', 'major'] as const;
export type FindingGrade = (typeof FINDING_GRADES)[number];

export const DOCUMENT_KINDS = { record: '检记', order: '责改', penalty: '罚决' } as const;
export type DocumentKind = keyof typeof DOCUMENT_KINDS;

/** A document number: issuing region, year and sequence, e.g. 140105〔2026〕检记0007号. */
export function documentNumber(kind: DocumentKind, region: string, year: number, seq: number): string {
  return `${region}〔${year}〕${DOCUMENT_KINDS[kind]}${String(seq).padStart(4, '0')}号`;
}
