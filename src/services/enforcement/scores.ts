import { createHash } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import { canSee, requireAccess, requirePermission, requirePlacement, scopeOf, type Principal } from '../../domain/access/policy.ts';
import { cycleOf } from '../../domain/enforcement/dates.ts';
import { cycleSummaries, cycleSummary, isIdNumber, scoreAfter, type ScorePoints, type ScoreState } from '../../domain/enforcement/scores.ts';
import { Conflict, Invalid, NotFound } from '../../domain/errors.ts';
import { listActions } from '../../store/repos/enforcement/actions.ts';
import { findPerson, findPersonByIdNumber, findPersonByName, insertPerson, listPersons, updatePerson, type PersonRow } from '../../store/repos/enforcement/persons.ts';
import { findScore, insertScore, listScores, scoresOfPersons, setScoreState, type ScoreRow } from '../../store/repos/enforcement/scores.ts';
import { findEnterprise, type Enterprise } from '../../store/repos/enterprises.ts';
import type { Executor } from '../../store/db.ts';
import type { Deps } from '../context.ts';
import { audit, requireOwnedHere } from './audit.ts';

export interface ScoreInput {
  /** An id from the persons table, or the person as written on the scoring notice. */
  person: string | { name: string; idNumber?: string | null };
  enterprise: string;
  points: ScorePoints;
  reason: string;
  basis?: string | null;
  at?: number;
}

const hashIdNumber = (n: string) => createHash('sha256').update(`kuangan:person:${n.trim().toUpperCase()}`).digest('hex');

export function presentPerson(p: PersonRow) {
  return { id: p.id, name: p.name, region: p.region, enterprise: p.enterprise, idNumber: p.idNumberTail ? `**************${p.idNumberTail}` : null, appointedAt: p.appointedAt, version: p.version, createdAt: p.createdAt, updatedAt: p.updatedAt };
}

export function createScoreService(deps: Pick<Deps, 'store' | 'now' | 'nodeId' | 'events'>) {
  const { db } = deps.store;

  async function enterpriseInScope(actor: Principal, id: string, path = 'enterprise'): Promise<Enterprise> {
    const ent = await findEnterprise(db, id);
    if (!ent || !canSee(actor, { regionCode: ent.region, enterpriseId: ent.id })) throw new Invalid('Unknown enterprise', [{ path, message: `no enterprise ${id} in your scope` }]);
    return ent;
  }

  async function visiblePerson(actor: Principal, id: string, ex: Executor = db): Promise<PersonRow> {
    const p = await findPerson(ex, id);
    if (!p || !canSee(actor, { regionCode: p.region, enterpriseId: p.enterprise })) throw new NotFound(`Person ${id} not found (人员不存在)`);
    return p;
  }

  /** Moves a person to another enterprise, keeping every point of the cycle (调任记分累计). */
  async function moveTo(tx: Executor, actor: Principal, p: PersonRow, ent: Enterprise, now: number, reason: string): Promise<PersonRow> {
    const after: PersonRow = { ...p, enterprise: ent.id, region: ent.region, appointedAt: now, version: p.version + 1, updatedAt: now };
    if (!(await updatePerson(tx, after, p.version))) throw new Conflict('The person was changed by someone else; retry (记录已被他人修改)');
    await audit(tx, actor, deps.nodeId, now, { entity: 'person', entityId: p.id, region: ent.region, enterprise: ent.id, op: 'transfer', changes: { enterprise: { from: p.enterprise, to: ent.id } }, reason });
    return after;
  }

  /** The person the score is for: found by id, identity number or name at the enterprise, or registered now. */
  async function resolvePerson(tx: Executor, actor: Principal, input: ScoreInput, ent: Enterprise, now: number): Promise<PersonRow> {
    let found: PersonRow | undefined;
    let hash: string | null = null;
    let tail: string | null = null;
    let name: string;
    if (typeof input.person === 'string') {
      found = await visiblePerson(actor, input.person, tx).catch(() => undefined);
      if (!found) throw new Invalid('Unknown person', [{ path: 'person', message: `no person ${input.person} in your scope` }]);
      name = found.name;
    } else {
      name = input.person.name.trim();
      const idNumber = input.person.idNumber?.trim().toUpperCase();
      if (idNumber) {
        if (!isIdNumber(idNumber)) throw new Invalid('Invalid identity number', [{ path: 'person.idNumber', message: 'must be 17 digits and a check digit or X' }]);
        hash = hashIdNumber(idNumber);
        tail = idNumber.slice(-4);
        found = await findPersonByIdNumber(tx, hash);
      }
      found ??= await findPersonByName(tx, ent.id, name);
      if (found && hash && !found.idNumberHash) {
        const withId = { ...found, idNumberHash: hash, idNumberTail: tail, version: found.version + 1, updatedAt: now };
        if (!(await updatePerson(tx, withId, found.version))) throw new Conflict('The person was changed by someone else; retry');
        found = withId;
      }
    }
    if (found) return found.enterprise === ent.id ? found : moveTo(tx, actor, found, ent, now, `scored at ${ent.name}`);
    const p: PersonRow = { id: uuidv7(), name, region: ent.region, enterprise: ent.id, idNumberHash: hash, idNumberTail: tail, appointedAt: null, version: 1, originNode: deps.nodeId, createdAt: now, updatedAt: now };
    await insertPerson(tx, p);
    await audit(tx, actor, deps.nodeId, now, { entity: 'person', entityId: p.id, region: p.region, enterprise: p.enterprise, op: 'create', changes: presentPerson(p) });
    return p;
  }

  function presentScore(s: ScoreRow, person?: PersonRow) {
    return { ...s, personName: person?.name ?? null };
  }

  return {
    async record(actor: Principal, input: ScoreInput) {
      requirePermission(actor, 'score.record');
      const ent = await enterpriseInScope(actor, input.enterprise);
      requirePlacement(actor, 'score.record', { regionCode: ent.region, enterpriseId: ent.id });
      const now = deps.now();
      const at = input.at ?? now;
      if (at > now + 5 * 60_000) throw new Invalid('A score is recorded for what has happened', [{ path: 'at', message: 'is in the future' }]);
      let person!: PersonRow;
      const s: ScoreRow = {
        id: uuidv7(),
        person: '',
        region: ent.region,
        enterprise: ent.id,
        points: input.points,
        reason: input.reason,
        basis: input.basis ?? null,
        at,
        cycle: cycleOf(at),
        state: 'recorded',
        recordedBy: actor.id,
        version: 1,
        originNode: deps.nodeId,
        createdAt: now,
        updatedAt: now,
      };
      let summary!: ReturnType<typeof cycleSummary>;
      await db.transaction().execute(async (tx) => {
        person = await resolvePerson(tx, actor, input, ent, now);
        s.person = person.id;
        await insertScore(tx, s);
        await audit(tx, actor, deps.nodeId, now, { entity: 'score', entityId: s.id, region: s.region, enterprise: s.enterprise, op: 'create', changes: s, toState: 'recorded', reason: s.reason });
        summary = cycleSummary(await scoresOfPersons(tx, [person.id], s.cycle), s.cycle);
      });
      deps.events.publish('record.changed', { entity: 'score', id: s.id, op: 'create', regionCode: s.region, enterpriseId: s.enterprise });
      return { ...presentScore(s, person), cycleTotal: summary.total, reassessmentDue: summary.reassessmentDue };
    },

    async void(actor: Principal, id: string, reason: string) {
      requirePermission(actor, 'enforcement.read');
      const s = await findScore(db, id);
      if (!s || !canSee(actor, { regionCode: s.region, enterpriseId: s.enterprise })) throw new NotFound(`Score ${id} not found`);
      requireAccess(actor, 'score.record', { regionCode: s.region, enterpriseId: s.enterprise }, 'Score');
      requireOwnedHere('Score', id, s.originNode, deps.nodeId);
      const state = scoreAfter(s.state as ScoreState, 'void');
      const now = deps.now();
      await db.transaction().execute(async (tx) => {
        if (!(await setScoreState(tx, id, state, s.version, now))) throw new Conflict('The score was changed by someone else; reload and retry');
        await audit(tx, actor, deps.nodeId, now, { entity: 'score', entityId: id, region: s.region, enterprise: s.enterprise, op: 'void', changes: { state: { from: s.state, to: state } }, fromState: s.state, toState: state, reason });
      });
      deps.events.publish('record.changed', { entity: 'score', id, op: 'void', regionCode: s.region, enterpriseId: s.enterprise });
      return presentScore({ ...s, state, version: s.version + 1, updatedAt: now }, await findPerson(db, s.person));
    },

    async get(actor: Principal, id: string) {
      requirePermission(actor, 'enforcement.read');
      const s = await findScore(db, id);
      if (!s || !canSee(actor, { regionCode: s.region, enterpriseId: s.enterprise })) throw new NotFound(`Score ${id} not found`);
      return { ...presentScore(s, await findPerson(db, s.person)), history: await listActions(db, 'score', s.id) };
    },

    async list(actor: Principal, q: { region?: string; enterprise?: string; person?: string; cycle?: number; limit: number; offset: number }) {
      requirePermission(actor, 'enforcement.read');
      const r = await listScores(db, { ...q, scope: scopeOf(actor) });
      const persons = new Map<string, PersonRow>();
      for (const id of new Set(r.items.map((s) => s.person))) {
        const p = await findPerson(db, id);
        if (p) persons.set(id, p);
      }
      return { items: r.items.map((s) => presentScore(s, persons.get(s.person))), total: r.total };
    },

    /** Each principal person serving at the enterprise (or in the region) now, with the cycle's points wherever scored. */
    async summary(actor: Principal, q: { enterprise?: string; region?: string; cycle?: number }) {
      requirePermission(actor, 'enforcement.read');
      const cycle = q.cycle ?? cycleOf(deps.now());
      const persons = await listPersons(db, { scope: scopeOf(actor), enterprise: q.enterprise, region: q.region, limit: 10_000, offset: 0 });
      const scores = await scoresOfPersons(db, persons.map((p) => p.id), cycle);
      const items = persons.map((p) => {
        const c = cycleSummary(scores.filter((s) => s.person === p.id), cycle);
        return { person: p.id, name: p.name, enterprise: p.enterprise, cycle, total: c.total, events: c.events, reassessmentDue: c.reassessmentDue };
      });
      items.sort((a, b) => b.total - a.total || a.name.localeCompare(b.name));
      return { items, total: items.length };
    },

    /** A person with every score and every cycle's total. */
    async person(actor: Principal, id: string) {
      requirePermission(actor, 'enforcement.read');
      const p = await visiblePerson(actor, id);
      const scores = await scoresOfPersons(db, [p.id]);
      return { ...presentPerson(p), cycles: cycleSummaries(scores), scores: scores.reverse().map((s) => presentScore(s, p)), history: await listActions(db, 'person', p.id) };
    },

    async transfer(actor: Principal, id: string, enterprise: string, reason: string) {
      const p = await visiblePerson(actor, id);
      requireAccess(actor, 'score.record', { regionCode: p.region, enterpriseId: p.enterprise }, 'Person');
      requireOwnedHere('Person', id, p.originNode, deps.nodeId);
      const ent = await enterpriseInScope(actor, enterprise);
      if (ent.id === p.enterprise) throw new Conflict(`${p.name} already serves at ${ent.name}`, { enterprise: ent.id });
      const now = deps.now();
      const after = await db.transaction().execute((tx) => moveTo(tx, actor, p, ent, now, reason));
      deps.events.publish('record.changed', { entity: 'person', id, op: 'transfer', regionCode: after.region, enterpriseId: after.enterprise });
      return presentPerson(after);
    },
  };
}

export type ScoreService = ReturnType<typeof createScoreService>;
