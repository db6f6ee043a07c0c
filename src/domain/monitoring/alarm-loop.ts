/**
 * The alarm handling loop (矿安〔2025〕100号; Shanxi 晋应急发〔2025〕296号): monitoring → response
 * (预警响应, the enterprise answers the call: 叫应) → analysis (分析研判: real danger, equipment fault
 * or false alarm, and the measures taken) → verification and feedback (核查反馈) by the supervising
 * level → closed. An alarm whose step (response, analysis, verification) is not taken in time climbs
 * to the next administrative level.
 *
 * The life cycle is the TRANSITIONS table; `transition` is the only way through it and refuses
 * anything else with a typed error. The state of the condition itself (recovered or not) is the
 * evaluator's business and does not gate these steps: a verified false alarm may be closed while the
 * faulty gauge still reads high.
 */
import type { Role } from '../access/roles.ts';
import { Conflict, Forbidden, Invalid } from '../errors.ts';
import type { Level } from './levels.ts';

export const ALARM_STATES = ['open', 'acknowledged', 'analysed', 'verified', 'closed'] as const;
export type AlarmState = (typeof ALARM_STATES)[number];

export const ALARM_STATE_LABELS: Record<AlarmState, { zh: string; en: string }> = {
  open: { zh: '待响应', en: 'Open' },
  acknowledged: { zh: '已响应', en: 'Acknowledged' },
  analysed: { zh: '已研判', en: 'Analysed' },
  verified: { zh: '已核查', en: 'Verified' },
  closed: { zh: '已关闭', en: 'Closed' },
};

export const ALARM_ACTIONS = ['ack', 'analyse', 'verify', 'reject', 'close', 'escalate', 'comment'] as const;
export type AlarmActionType = (typeof ALARM_ACTIONS)[number];

export const CAUSES = ['danger', 'equipment_fault', 'false_alarm'] as const;
export type Cause = (typeof CAUSES)[number];

/** Administrative levels an unanswered alarm climbs, in order. */
export const TIERS = ['enterprise', 'county', 'city', 'province'] as const;
export type Tier = (typeof TIERS)[number];

/** From which states each action is allowed, and where it leads ('escalate' keeps the state). */
export const TRANSITIONS: Readonly<Record<AlarmActionType, { from: readonly AlarmState[]; to: AlarmState | null }>> = {
  ack: { from: ['open'], to: 'acknowledged' },
  // Re-analysing before verification amends the analysis.
  analyse: { from: ['acknowledged', 'analysed'], to: 'analysed' },
  verify: { from: ['analysed'], to: 'verified' },
  // The supervising level sends an analysis back for another look.
  reject: { from: ['analysed'], to: 'acknowledged' },
  close: { from: ['verified'], to: 'closed' },
  // A step missed in time (response, analysis or verification) climbs a tier whatever the state.
  escalate: { from: ['open', 'acknowledged', 'analysed'], to: null },
  // A remark in the history (a supervising level's instruction, an enterprise's answer): any state, no move.
  comment: { from: ALARM_STATES, to: null },
};

const ENTERPRISE_RESPONDERS: readonly Role[] = ['enterprise_principal', 'enterprise_safety_officer', 'enterprise_staff'];
const ENTERPRISE_ANALYSTS: readonly Role[] = ['enterprise_principal', 'enterprise_safety_officer'];
const OFFICERS: readonly Role[] = ['county_officer', 'city_officer', 'province_officer'];

/**
 * Who may take each action. Enterprises answer and analyse their own alarms (staff may answer the
 * call, only the principal and safety officer may sign the analysis); the supervising level verifies
 * (inspectors too, who check on site) and only officers close; the system escalates. Administrators
 * may do anything. Scope (which alarms a user sees) is checked by the caller with access/policy.ts.
 */
export const ACTION_ROLES: Readonly<Record<AlarmActionType, readonly (Role | 'system')[]>> = {
  ack: [...ENTERPRISE_RESPONDERS, 'admin'],
  analyse: [...ENTERPRISE_ANALYSTS, 'admin'],
  verify: [...OFFICERS, 'inspector', 'admin'],
  reject: [...OFFICERS, 'inspector', 'admin'],
  close: [...OFFICERS, 'admin'],
  escalate: ['system', 'admin'],
  comment: [...ENTERPRISE_RESPONDERS, ...OFFICERS, 'inspector', 'admin'],
};

export type Actor = { kind: 'user'; id: string; role: Role } | { kind: 'system' };
export const SYSTEM: Actor = { kind: 'system' };

export type AlarmAction =
  | { type: 'ack'; note?: string }
  | { type: 'analyse'; cause: Cause; measures: string; note?: string }
  | { type: 'verify'; note?: string }
  | { type: 'reject'; note: string }
  | { type: 'close'; note?: string }
  | { type: 'escalate' }
  | { type: 'comment'; note: string };

/** The loop's view of an alarm; the store keeps these fields on the alarm row. */
export interface LoopAlarm {
  state: AlarmState;
  level: Level;
  openedAt: number;
  acknowledgedAt: number | null;
  acknowledgedBy: string | null;
  analysedAt: number | null;
  analysedBy: string | null;
  cause: Cause | null;
  measures: string | null;
  verifiedAt: number | null;
  verifiedBy: string | null;
  closedAt: number | null;
  closedBy: string | null;
  /** The administrative level the alarm is with now. */
  tier: Tier;
  escalatedAt: number | null;
}

export function newLoopAlarm(level: Level, openedAt: number): LoopAlarm {
  return {
    state: 'open',
    level,
    openedAt,
    acknowledgedAt: null,
    acknowledgedBy: null,
    analysedAt: null,
    analysedBy: null,
    cause: null,
    measures: null,
    verifiedAt: null,
    verifiedBy: null,
    closedAt: null,
    closedBy: null,
    tier: 'enterprise',
    escalatedAt: null,
  };
}

/** The action is not allowed in the alarm's state (HTTP 409). */
export class IllegalAlarmTransition extends Conflict {
  constructor(readonly state: AlarmState, readonly action: AlarmActionType, detail?: string) {
    const allowed = TRANSITIONS[action].from;
    super(
      detail ?? `An alarm in state '${state}' cannot take action '${action}' (allowed from: ${allowed.join(', ')})`,
      { state, action, allowedFrom: allowed },
      'illegal_transition',
    );
  }
}

/** The actor's role may not take the action (HTTP 403). */
export class AlarmActionForbidden extends Forbidden {
  constructor(readonly role: Role | 'system', readonly action: AlarmActionType) {
    super(`Role '${role}' may not take action '${action}' on an alarm (allowed: ${ACTION_ROLES[action].join(', ')})`, 'alarm_action_forbidden');
  }
}

function actorRole(actor: Actor): Role | 'system' {
  return actor.kind === 'system' ? 'system' : actor.role;
}
function actorId(actor: Actor): string {
  return actor.kind === 'system' ? 'system' : actor.id;
}

export function mayAct(actor: Actor, action: AlarmActionType): boolean {
  const role = actorRole(actor);
  return role === 'admin' || ACTION_ROLES[action].includes(role);
}

/**
 * The steps this actor may take on this alarm now (for the UI's buttons). A comment is always open to
 * whoever may write one and is not a step of the loop: `mayAct(actor, 'comment')` says so.
 */
export function allowedActions(alarm: LoopAlarm, actor: Actor): AlarmActionType[] {
  return ALARM_ACTIONS.filter(
    (a) => a !== 'comment' && mayAct(actor, a) && TRANSITIONS[a].from.includes(alarm.state) && !(a === 'escalate' && alarm.tier === TIERS[TIERS.length - 1]),
  );
}

/**
 * Applies one action. Checks, in order: the role (403), the state (409), the payload (422). Never
 * mutates its input; returns the alarm after the action.
 */
export function transition(alarm: LoopAlarm, action: AlarmAction, actor: Actor, now: number): LoopAlarm {
  if (!mayAct(actor, action.type)) throw new AlarmActionForbidden(actorRole(actor), action.type);
  const rule = TRANSITIONS[action.type];
  if (!rule.from.includes(alarm.state)) throw new IllegalAlarmTransition(alarm.state, action.type);
  const by = actorId(actor);
  const next: LoopAlarm = { ...alarm, state: rule.to ?? alarm.state };
  switch (action.type) {
    case 'ack':
      return { ...next, acknowledgedAt: now, acknowledgedBy: by };
    case 'analyse': {
      if (!(CAUSES as readonly string[]).includes(action.cause)) {
        throw new Invalid(`cause must be one of ${CAUSES.join(', ')}`, [{ path: 'cause', message: `must be one of ${CAUSES.join(', ')}` }]);
      }
      if (typeof action.measures !== 'string' || action.measures.trim() === '') {
        throw new Invalid('measures are required: say what was done (研判须填写处置措施)', [{ path: 'measures', message: 'required' }]);
      }
      return { ...next, analysedAt: now, analysedBy: by, cause: action.cause, measures: action.measures.trim() };
    }
    case 'verify':
      return { ...next, verifiedAt: now, verifiedBy: by };
    case 'reject':
      if (typeof action.note !== 'string' || action.note.trim() === '') {
        throw new Invalid('a note is required to send an analysis back', [{ path: 'note', message: 'required' }]);
      }
      return { ...next, analysedAt: null, analysedBy: null };
    case 'close':
      return { ...next, closedAt: now, closedBy: by };
    case 'comment':
      if (typeof action.note !== 'string' || action.note.trim() === '') {
        throw new Invalid('a comment needs its text', [{ path: 'note', message: 'required' }]);
      }
      return next;
    case 'escalate': {
      const i = TIERS.indexOf(alarm.tier);
      if (i >= TIERS.length - 1) {
        throw new IllegalAlarmTransition(alarm.state, 'escalate', `The alarm is already with the highest level ('${alarm.tier}') and cannot be escalated further`);
      }
      return { ...next, tier: TIERS[i + 1]!, escalatedAt: now };
    }
  }
}

/** The steps of the loop that run against a clock, each started by the state it waits in. */
export const TIMED_STEPS = ['response', 'analysis', 'verification'] as const;
export type TimedStep = (typeof TIMED_STEPS)[number];
const STEP_OF: Partial<Record<AlarmState, TimedStep>> = { open: 'response', acknowledged: 'analysis', analysed: 'verification' };

export interface EscalationPolicy {
  /** Time allowed to answer the call (叫应), per level, before the alarm climbs one tier. */
  responseSec: Record<Level, number>;
  /** Time allowed from the answer to the signed analysis (分析研判), per level. */
  analysisSec: Record<Level, number>;
  /** Time allowed the supervising level from the analysis to its verification (核查反馈), per level. */
  verificationSec: Record<Level, number>;
  /** The highest tier an alarm climbs to. */
  maxTier: Tier;
  /** Where the response times come from. */
  source: string;
  /** Where the analysis and verification times come from. */
  analysisSource: string;
  verificationSource: string;
  confirmed: boolean;
}

export const DEFAULT_ESCALATION: EscalationPolicy = {
  responseSec: { red: 15 * 60, orange: 30 * 60, yellow: 60 * 60, blue: 120 * 60 },
  analysisSec: { red: 2 * 3600, orange: 4 * 3600, yellow: 12 * 3600, blue: 24 * 3600 },
  verificationSec: { red: 24 * 3600, orange: 48 * 3600, yellow: 72 * 3600, blue: 7 * 86_400 },
  maxTier: 'province',
  source: '平台默认值；矿安〔2025〕100号、晋应急发〔2025〕296号的响应时限待核实',
  analysisSource: '平台默认值（红 2 小时、橙 4 小时、黄 12 小时、蓝 24 小时）；矿安〔2025〕100号分析研判时限待核实',
  verificationSource: '平台默认值（红 24 小时、橙 48 小时、黄 72 小时、蓝 7 天）；矿安〔2025〕100号核查反馈时限待核实',
  confirmed: false,
};

export interface DueEscalation {
  id: string;
  from: Tier;
  to: Tier;
  /** The step whose time ran out. */
  step: TimedStep;
  /** When the time for the step at the current tier ran out. */
  dueAt: number;
}

/** When the step the alarm waits in is due at its current tier, or null when none runs (verified, closed). */
export function stepDue(a: LoopAlarm, policy: EscalationPolicy = DEFAULT_ESCALATION): { step: TimedStep; dueAt: number } | null {
  const step = STEP_OF[a.state];
  if (!step) return null;
  const began = step === 'response' ? a.openedAt : step === 'analysis' ? (a.acknowledgedAt ?? a.openedAt) : (a.analysedAt ?? a.openedAt);
  // The clock restarts at every tier: the level the alarm climbed to gets the whole time again.
  const start = Math.max(began, a.escalatedAt ?? -Infinity);
  const limit = step === 'response' ? policy.responseSec : step === 'analysis' ? (policy.analysisSec ?? DEFAULT_ESCALATION.analysisSec) : (policy.verificationSec ?? DEFAULT_ESCALATION.verificationSec);
  return { step, dueAt: start + limit[a.level] * 1000 };
}

/**
 * Alarms whose current step (response, analysis, verification) ran past its time at their tier, each to
 * move one tier up. The clock restarts at every tier. Run it periodically and apply each with
 * `transition(alarm, { type: 'escalate' }, SYSTEM, now)`.
 */
export function dueEscalations(
  alarms: readonly (LoopAlarm & { id: string })[],
  now: number,
  policy: EscalationPolicy = DEFAULT_ESCALATION,
): DueEscalation[] {
  const max = TIERS.indexOf(policy.maxTier);
  const due: DueEscalation[] = [];
  for (const a of alarms) {
    const i = TIERS.indexOf(a.tier);
    if (i >= max) continue;
    const d = stepDue(a, policy);
    if (d && now >= d.dueAt) due.push({ id: a.id, from: a.tier, to: TIERS[i + 1]!, step: d.step, dueAt: d.dueAt });
  }
  return due;
}
