import { uuidv7 } from 'uuidv7';
import { requireAccess, requirePermission, scopeOf, type Principal } from '../../domain/access/policy.ts';
import { evaluate, inUnit, type Unit } from '../../domain/campaign/evaluation.ts';
import { chinaDate, startOfChinaDate } from '../../domain/enforcement/dates.ts';
import { Conflict, NotFound } from '../../domain/errors.ts';
import { scopePrefix } from '../../domain/regions/regions.ts';
import { assignmentsOfCampaign, type Assignment } from '../../store/repos/campaign/assignments.ts';
import { pressureOfCampaign } from '../../store/repos/campaign/pressure.ts';
import { findRoundById, insertRound, listRounds, type Round } from '../../store/repos/campaign/rounds.ts';
import type { CampaignService } from './ledger-campaigns.ts';
import { audit, checkClientId, isDuplicateKey, type LedgerDeps } from './ledger-common.ts';

const DAY = 86_400_000;

/** The part of a prefix scope that a campaign's rows are filtered by. */
function prefixOf(actor: Principal, campaignRegion: string): string {
  const s = scopeOf(actor);
  if (s.all) return scopePrefix(campaignRegion);
  if ('regionPrefix' in s) return s.regionPrefix;
  return '\u0000';
}

/** Assignments that nobody passed on further: the work itself. */
export function leaves(items: readonly Assignment[]): Assignment[] {
  const parents = new Set(items.map((a) => a.parentId).filter(Boolean));
  return items.filter((a) => !parents.has(a.id));
}

/** 按时间节点报送 and 考评通报: reporting rounds with who is missing, and the ranked evaluation. */
export function createRoundService(deps: LedgerDeps, campaigns: CampaignService) {
  const { db } = deps.store;
  const regionName = (code: string) => deps.regions.get(code)?.name ?? null;

  async function campaignAssignments(actor: Principal, campaignId: string) {
    const c = await campaigns.visible(actor, campaignId);
    const prefix = prefixOf(actor, c.region);
    return { c, prefix, items: await assignmentsOfCampaign(db, c.id, prefix) };
  }

  return {
    async addRound(actor: Principal, campaignId: string, input: { id?: string; due: string; title?: string | null }): Promise<{ created: boolean; round: Round }> {
      const c = await campaigns.visible(actor, campaignId);
      requireAccess(actor, 'campaign.manage', { regionCode: c.region }, 'Campaign');
      checkClientId(input.id);
      const known = input.id ? await findRoundById(db, input.id) : undefined;
      if (known) {
        if (known.campaignId !== c.id) throw new Conflict(`Round id ${input.id} is taken`);
        return { created: false, round: known };
      }
      const now = deps.now();
      for (let attempt = 0; ; attempt++) {
        try {
          const r = await db.transaction().execute(async (tx) => {
            const last = (await listRounds(tx, c.id)).at(-1);
            if (last && last.due >= input.due) throw new Conflict(`A round is due after the one before it (round ${last.round} is due ${last.due})`, { state: last.due, action: 'round' });
            const round: Round = { id: input.id ?? uuidv7(), campaignId: c.id, round: (last?.round ?? 0) + 1, title: input.title ?? null, due: input.due, createdBy: actor.name, region: c.region, version: 1, originNode: deps.nodeId, createdAt: now, updatedAt: now };
            await insertRound(tx, round);
            await audit(tx, actor, deps.nodeId, now, { entity: 'campaign', entityId: c.id, op: 'round', changes: { round: round.round, due: round.due, title: round.title } });
            return round;
          });
          return { created: true, round: r };
        } catch (err) {
          if (input.id && isDuplicateKey(err)) {
            const again = await findRoundById(db, input.id);
            if (again) return { created: false, round: again };
          }
          if (attempt < 3 && isDuplicateKey(err)) continue;
          throw err;
        }
      }
    },

    async rounds(actor: Principal, campaignId: string) {
      requirePermission(actor, 'campaign.read');
      const c = await campaigns.visible(actor, campaignId);
      return listRounds(db, c.id);
    },

    /** Who has not reported in a round: no report between the previous round's due date and this one's. */
    async missing(actor: Principal, campaignId: string, roundNo: number) {
      requirePermission(actor, 'campaign.read');
      const { c, items } = await campaignAssignments(actor, campaignId);
      const all = await listRounds(db, c.id);
      const i = all.findIndex((r) => r.round === roundNo);
      if (i < 0) throw new NotFound(`Round ${roundNo} of campaign ${c.id} not found (报送轮次不存在)`);
      const round = all[i]!;
      const from = i > 0 ? startOfChinaDate(all[i - 1]!.due) + DAY : 0;
      const to = startOfChinaDate(round.due) + DAY;
      const reported = (a: Assignment) => a.reports.some((r) => r.round === round.round || (r.round === null && r.at >= from && r.at < to));
      const missing = items.filter((a) => a.createdAt < to && a.state !== 'accepted' && !reported(a));
      return {
        round,
        overdue: deps.now() >= to,
        expected: items.filter((a) => a.createdAt < to).length,
        items: missing.map((a) => ({ assignment: a.id, task: a.taskId, taskNumber: a.taskNumber, region: a.region, regionName: regionName(a.region), enterprise: a.enterprise, state: a.state, lastReportAt: a.reports.at(-1)?.at ?? null })),
      };
    },

    async evaluation(actor: Principal, campaignId: string, level: 'city' | 'county') {
      requirePermission(actor, 'campaign.read');
      const { c, prefix, items } = await campaignAssignments(actor, campaignId);
      const units: Unit[] = deps.regions
        .all()
        .filter((r) => r.level === level && r.code.startsWith(prefix === '\u0000' ? '\u0000' : prefix))
        .map((r) => ({ code: r.code, name: r.name }));
      const work = leaves(items).map((a) => ({ region: a.region, deadline: a.deadline, state: a.state, reportedOn: a.reportedAt === null ? null : chinaDate(a.reportedAt) }));
      const measures = await pressureOfCampaign(db, c.id, prefix);
      // Ranked among the units that had work or drew a measure.
      const concerned = units.filter((u) => work.some((w) => inUnit(u.code, w.region)) || measures.some((m) => inUnit(u.code, m.region)));
      return { campaign: c.id, level, items: evaluate(concerned, work, measures, chinaDate(deps.now())) };
    },
  };
}

export type RoundService = ReturnType<typeof createRoundService>;
