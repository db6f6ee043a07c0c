/**
 * The hidden-hazard closed loop (隐患排查治理: 排查、登记、治理、报告、销账) as a transition table:
 * registered (已登记) → plan → planned (已制定方案) → rectify → rectified (已整改) → verify → verified
 * (已验收) → close → closed (已销号); `reject` sends a rectification back to planned. A general hazard
 * (一般隐患) may be rectified at once from registered; a major one (重大隐患) only from a plan that
 * names measures, funds, people, deadline and the safety measures meanwhile. Whoever rectified may not
 * verify. `transition` is the only way through the table and refuses anything else with a typed error.
 */
import { Conflict, Forbidden, Invalid, type FieldProblem } from '../errors.ts';

export const HAZARD_STATES = ['registered', 'planned', 'rectified', 'verified', 'closed'] as const;
export type HazardState = (typeof HAZARD_STATES)[number];

export const HAZARD_STATE_LABELS: Record<HazardState, { zh: string; en: string }> = {
  registered: { zh: '已登记', en: 'Registered' },
  planned: { zh: '整改中', en: 'Planned' },
  rectified: { zh: '待验收', en: 'Rectified' },
  verified: { zh: '已验收', en: 'Verified' },
  closed: { zh: '已销号', en: 'Closed' },
};

export const HAZARD_GRADES = ['general', 'major'] as const;
export type HazardGrade = (typeof HAZARD_GRADES)[number];
export const HAZARD_GRADE_LABELS: Record<HazardGrade, { zh: string; en: string }> = {
  general: { zh: '一般隐患', en: 'General' },
  major: { zh: '重大隐患', en: 'Major' },
};

export const HAZARD_ACTIONS = ['plan', 'rectify', 'verify', 'reject', 'close'] as const;
export type HazardActionType = (typeof HAZARD_ACTIONS)[number];

/** Where each action may start, per grade, and where it leads. Re-planning amends the plan. */
export const HAZARD_TRANSITIONS: Readonly<Record<HazardActionType, { from: Readonly<Record<HazardGrade, readonly HazardState[]>>; to: HazardState }>> = {
  plan: { from: { general: ['registered', 'planned'], major: ['registered', 'planned'] }, to: 'planned' },
  rectify: { from: { general: ['registered', 'planned'], major: ['planned'] }, to: 'rectified' },
  verify: { from: { general: ['rectified'], major: ['rectified'] }, to: 'verified' },
  reject: { from: { general: ['rectified'], major: ['rectified'] }, to: 'planned' },
  close: { from: { general: ['verified'], major: ['verified'] }, to: 'closed' },
};

/** States in which the hazard is still the enterprise's to fix: the deadline runs against these. */
export const OPEN_STATES: readonly HazardState[] = ['registered', 'planned'];

/** The rectification plan (整改方案); a major hazard's must be complete (《安全生产事故隐患排查治理暂行规定》第十五条). */
export interface RectificationPlan {
  goal?: string | null;
  measures: string;
  /** 整改资金, yuan. */
  funds?: number | null;
  /** 负责人员 and the people doing the work. */
  people?: string | null;
  /** New deadline, epoch ms; replaces the hazard's deadline when given. */
  deadline?: number | null;
  /** 整改期间的安全防范措施. */
  interimMeasures?: string | null;
}

export interface Rectification {
  note: string;
  /** File ids of the files service: photos of the work done. */
  photos: string[];
}

export type HazardAction =
  | { type: 'plan'; plan: RectificationPlan }
  | { type: 'rectify'; note: string; photos?: string[] }
  | { type: 'verify'; note?: string }
  | { type: 'reject'; note: string }
  | { type: 'close'; note?: string };

/** The loop's view of a hazard; the store keeps these fields on the hazard row. */
export interface LoopHazard {
  state: HazardState;
  grade: HazardGrade;
  deadline: number;
  plan: RectificationPlan | null;
  rectification: Rectification | null;
  rectifiedAt: number | null;
  rectifiedBy: string | null;
  verifiedAt: number | null;
  verifiedBy: string | null;
  verificationNote: string | null;
  closedAt: number | null;
  closedBy: string | null;
  rejections: number;
}

export function newLoopHazard(grade: HazardGrade, deadline: number): LoopHazard {
  return {
    state: 'registered',
    grade,
    deadline,
    plan: null,
    rectification: null,
    rectifiedAt: null,
    rectifiedBy: null,
    verifiedAt: null,
    verifiedBy: null,
    verificationNote: null,
    closedAt: null,
    closedBy: null,
    rejections: 0,
  };
}

/** The action is not allowed in the hazard's state (HTTP 409). */
export class IllegalHazardTransition extends Conflict {
  constructor(readonly state: HazardState, readonly action: HazardActionType, readonly grade: HazardGrade) {
    const allowed = HAZARD_TRANSITIONS[action].from[grade];
    const why = grade === 'major' && action === 'rectify' && state === 'registered' ? '; a major hazard needs a rectification plan first (重大隐患须先制定整改方案)' : '';
    super(
      `A ${grade} hazard in state '${state}' cannot take action '${action}' (allowed from: ${allowed.join(', ')})${why}`,
      { state, action, grade, allowedFrom: allowed },
      'illegal_transition',
    );
  }
}

/** The rectifier may not verify their own work (HTTP 403). */
export class SelfVerification extends Forbidden {
  constructor() {
    super('The person who rectified a hazard may not verify it (整改人不得验收本人整改的隐患)', 'verifier_is_rectifier');
  }
}

const blank = (s: string | null | undefined) => typeof s !== 'string' || s.trim() === '';

/** What a plan lacks for its grade: a major hazard's plan names all five parts. */
export function planProblems(plan: RectificationPlan, grade: HazardGrade, now: number): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (blank(plan.measures)) problems.push({ path: 'plan.measures', message: 'required: the rectification measures (整改措施)' });
  if (plan.deadline !== null && plan.deadline !== undefined && plan.deadline <= now) problems.push({ path: 'plan.deadline', message: 'must be in the future' });
  if (grade === 'major') {
    if (plan.funds === null || plan.funds === undefined || !(plan.funds >= 0)) problems.push({ path: 'plan.funds', message: 'required for a major hazard (整改资金)' });
    if (blank(plan.people)) problems.push({ path: 'plan.people', message: 'required for a major hazard (负责人员)' });
    if (plan.deadline === null || plan.deadline === undefined) problems.push({ path: 'plan.deadline', message: 'required for a major hazard (整改时限)' });
    if (blank(plan.interimMeasures)) problems.push({ path: 'plan.interimMeasures', message: 'required for a major hazard (整改期间安全防范措施)' });
  }
  return problems;
}

/** The actions allowed in this state for this grade (the UI's buttons, before permissions). */
export function availableActions(h: Pick<LoopHazard, 'state' | 'grade'>): HazardActionType[] {
  return HAZARD_ACTIONS.filter((a) => HAZARD_TRANSITIONS[a].from[h.grade].includes(h.state));
}

/**
 * Applies one action by person `by`. Checks the state (409), then the payload (422) and the
 * four-eyes rule (403). Never mutates its input.
 */
export function transition(h: LoopHazard, action: HazardAction, by: string, now: number): LoopHazard {
  const rule = HAZARD_TRANSITIONS[action.type];
  if (!rule.from[h.grade].includes(h.state)) throw new IllegalHazardTransition(h.state, action.type, h.grade);
  const next: LoopHazard = { ...h, state: rule.to };
  switch (action.type) {
    case 'plan': {
      const problems = planProblems(action.plan, h.grade, now);
      if (problems.length) throw new Invalid('Incomplete rectification plan (整改方案不完整)', problems);
      const plan = { ...action.plan, measures: action.plan.measures.trim() };
      return { ...next, plan, deadline: plan.deadline ?? h.deadline };
    }
    case 'rectify': {
      if (blank(action.note)) throw new Invalid('Say what was done (须填写整改情况)', [{ path: 'note', message: 'required' }]);
      if (h.grade === 'major' && (!h.plan || planProblems(h.plan, 'major', -Infinity).length)) {
        throw new IllegalHazardTransition(h.state, 'rectify', h.grade);
      }
      return { ...next, rectification: { note: action.note.trim(), photos: action.photos ?? [] }, rectifiedAt: now, rectifiedBy: by };
    }
    case 'verify':
      if (h.rectifiedBy === by) throw new SelfVerification();
      return { ...next, verifiedAt: now, verifiedBy: by, verificationNote: action.note?.trim() || null };
    case 'reject':
      if (blank(action.note)) throw new Invalid('Say why the rectification is sent back (须填写退回原因)', [{ path: 'note', message: 'required' }]);
      if (h.rectifiedBy === by) throw new SelfVerification();
      return { ...next, rectifiedAt: null, rectifiedBy: null, rejections: h.rejections + 1, verificationNote: action.note.trim() };
    case 'close':
      return { ...next, closedAt: now, closedBy: by };
  }
}

/** Past its deadline and not yet rectified. */
export function isOverdue(h: Pick<LoopHazard, 'state' | 'deadline'>, now: number): boolean {
  return OPEN_STATES.includes(h.state) && now > h.deadline;
}
