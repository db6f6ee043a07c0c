import type { Executor } from '../../db.ts';
import type { CampaignRoundsTable } from './tables.ts';
import './tables.ts';

export interface Round {
  id: string;
  campaignId: string;
  round: number;
  title: string | null;
  due: string;
  createdBy: string | null;
  region: string;
  version: number;
  originNode: string;
  createdAt: number;
  updatedAt: number;
}

const fromRow = (r: CampaignRoundsTable): Round => ({
  id: r.id,
  campaignId: r.campaign_id,
  round: Number(r.round),
  title: r.title,
  due: r.due,
  createdBy: r.created_by,
  region: r.region_code,
  version: Number(r.version),
  originNode: r.origin_node,
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
});

export async function listRounds(db: Executor, campaign: string): Promise<Round[]> {
  return (await db.selectFrom('campaign_rounds').selectAll().where('campaign_id', '=', campaign).orderBy('round').execute()).map(fromRow);
}

export async function insertRound(db: Executor, r: Round): Promise<void> {
  await db
    .insertInto('campaign_rounds')
    .values({ id: r.id, campaign_id: r.campaignId, round: r.round, title: r.title, due: r.due, created_by: r.createdBy, region_code: r.region, enterprise_id: null, version: r.version, origin_node: r.originNode, created_at: r.createdAt, updated_at: r.updatedAt })
    .execute();
}

export async function findRoundById(db: Executor, id: string): Promise<Round | undefined> {
  const r = await db.selectFrom('campaign_rounds').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? fromRow(r) : undefined;
}
