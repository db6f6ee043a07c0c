import type { Executor } from '../../db.ts';
import { applyScope, type ScopeFilter } from '../scope.ts';
import type { CampaignsTable } from './tables.ts';
import './tables.ts';

export interface Campaign {
  id: string;
  name: string;
  year: number | null;
  document: string | null;
  region: string;
  enterprise: string | null;
  createdBy: string | null;
  version: number;
  originNode: string;
  createdAt: number;
  updatedAt: number;
}

const fromRow = (r: CampaignsTable): Campaign => ({
  id: r.id,
  name: r.name,
  year: r.year === null ? null : Number(r.year),
  document: r.document,
  region: r.region_code,
  enterprise: r.enterprise_id,
  createdBy: r.created_by,
  version: Number(r.version),
  originNode: r.origin_node,
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
});

export async function insertCampaign(db: Executor, c: Campaign): Promise<void> {
  await db
    .insertInto('campaigns')
    .values({ id: c.id, name: c.name, year: c.year, document: c.document, region_code: c.region, enterprise_id: c.enterprise, created_by: c.createdBy, version: c.version, origin_node: c.originNode, created_at: c.createdAt, updated_at: c.updatedAt })
    .execute();
}

export async function findCampaign(db: Executor, id: string): Promise<Campaign | undefined> {
  const r = await db.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? fromRow(r) : undefined;
}

export async function listCampaigns(db: Executor, q: { scope: ScopeFilter; year?: number; q?: string; limit: number; offset: number }) {
  let base = applyScope(db.selectFrom('campaigns'), q.scope, 'region_code', 'enterprise_id');
  if (q.year) base = base.where('year', '=', q.year);
  if (q.q) base = base.where('name', 'like', `%${q.q}%`);
  const [items, total] = await Promise.all([
    base.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(q.limit).offset(q.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: items.map(fromRow), total: Number(total.n) };
}
