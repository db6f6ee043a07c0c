import type { Executor } from '../../db.ts';
import { applyScope, type ScopeFilter } from '../scope.ts';
import type { ScoresTable } from './tables.ts';

export interface ScoreRow {
  id: string;
  person: string;
  region: string;
  /** The enterprise the person served when scored. */
  enterprise: string;
  points: number;
  reason: string;
  basis: string | null;
  at: number;
  cycle: number;
  state: string;
  recordedBy: string | null;
  version: number;
  originNode: string;
  createdAt: number;
  updatedAt: number;
}

export function toScore(r: ScoresTable): ScoreRow {
  return {
    id: r.id,
    person: r.person_id,
    region: r.region_code,
    enterprise: r.enterprise_id ?? '',
    points: r.points,
    reason: r.reason,
    basis: r.basis,
    at: Number(r.at),
    cycle: r.cycle,
    state: r.state,
    recordedBy: r.recorded_by,
    version: r.version,
    originNode: r.origin_node,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

export async function insertScore(db: Executor, s: ScoreRow): Promise<void> {
  await db
    .insertInto('scores')
    .values({
      id: s.id,
      person_id: s.person,
      region_code: s.region,
      enterprise_id: s.enterprise,
      points: s.points,
      reason: s.reason,
      basis: s.basis,
      at: s.at,
      cycle: s.cycle,
      state: s.state,
      recorded_by: s.recordedBy,
      version: s.version,
      origin_node: s.originNode,
      created_at: s.createdAt,
      updated_at: s.updatedAt,
    })
    .execute();
}

export async function setScoreState(db: Executor, id: string, state: string, expectedVersion: number, at: number): Promise<boolean> {
  const r = await db.updateTable('scores').set({ state, version: expectedVersion + 1, updated_at: at }).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function findScore(db: Executor, id: string): Promise<ScoreRow | undefined> {
  const r = await db.selectFrom('scores').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toScore(r);
}

export interface ScoreQuery {
  scope: ScopeFilter;
  region?: string;
  enterprise?: string;
  person?: string;
  cycle?: number;
  limit: number;
  offset: number;
}

export async function listScores(db: Executor, f: ScoreQuery) {
  const filtered = () => {
    let q = applyScope(db.selectFrom('scores'), f.scope, 'scores.region_code', 'scores.enterprise_id');
    if (f.region) q = q.where('region_code', 'like', `${f.region}%`);
    if (f.enterprise) q = q.where('enterprise_id', '=', f.enterprise);
    if (f.person) q = q.where('person_id', '=', f.person);
    if (f.cycle !== undefined) q = q.where('cycle', '=', f.cycle);
    return q;
  };
  const rows = await filtered().selectAll().orderBy('at', 'desc').orderBy('id').limit(f.limit).offset(f.offset).execute();
  const total = await filtered().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { items: rows.map(toScore), total: Number(total.n) };
}

/** Every score of these persons, wherever recorded (a transferred person carries them). */
export async function scoresOfPersons(db: Executor, persons: readonly string[], cycle?: number): Promise<ScoreRow[]> {
  const out: ScoreRow[] = [];
  for (let i = 0; i < persons.length; i += 500) {
    let q = db.selectFrom('scores').selectAll().where('person_id', 'in', persons.slice(i, i + 500));
    if (cycle !== undefined) q = q.where('cycle', '=', cycle);
    out.push(...(await q.orderBy('at').execute()).map(toScore));
  }
  return out;
}
