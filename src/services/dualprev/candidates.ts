import { requirePermission, type Principal } from '../../domain/access/policy.ts';
import { candidateCriterion, candidateReason, DAY_MS, FREEBOARD_KINDS, PHREATIC_KINDS, type CandidateReason } from '../../domain/dualprev/index.ts';
import { NotFound } from '../../domain/errors.ts';
import { findAlarm } from '../../store/repos/monitoring/alarms.ts';
import { findHazardFromAlarm, listCandidateAlarms } from '../../store/repos/dualprev/candidates.ts';
import type { Deps } from '../context.ts';
import type { SiteService } from '../registry/sites.ts';
import { derivedId } from './client-id.ts';
import type { HazardService } from './hazards.ts';

/**
 * From monitoring to the hazard ledger (监测预警转隐患): the alarms of a site that suggest a major
 * hazard, each with its evidence and pre-selected 88号 criterion, and their registration as major
 * hazards linked to the alarm — once per alarm, whoever registers it and however often.
 */
const REASON_TEXT: Record<CandidateReason, string> = {
  danger: '监测预警经研判为险情',
  phreatic_red: '浸润线红色预警：浸润线埋深小于控制浸润线埋深',
  freeboard_red: '安全超高/干滩长度红色预警：小于设计规定',
  monitoring_system: '安全监测系统运行不正常未及时修复',
};
const SENSOR_KINDS = [...PHREATIC_KINDS, ...FREEBOARD_KINDS];
/** A major hazard registered from an alarm is due in 30 days unless the registrant says otherwise. */
const DEFAULT_DAYS = 30;

type CandidateRow = Awaited<ReturnType<typeof listCandidateAlarms>>[number];

export function createHazardCandidates(deps: Pick<Deps, 'store' | 'now'>, sites: SiteService, hazards: Pick<HazardService, 'report'>) {
  const { db } = deps.store;

  function present(a: CandidateRow, siteKind: string) {
    const reason = candidateReason({ kind: a.kind, level: a.level, cause: a.cause, sensorKind: a.sensor_kind });
    if (!reason) return null;
    const sensor = a.sensor_code ? `${a.sensor_name ?? a.sensor_code}（${a.sensor_code}）` : null;
    return {
      alarm: a.id,
      site: a.site_id,
      reason,
      criterion: candidateCriterion(reason, siteKind),
      description: `${REASON_TEXT[reason]}${sensor ? `，测点${sensor}` : ''}${a.message ? `：${a.message}` : ''}`,
      evidence: {
        alarm: a.id,
        kind: a.kind,
        level: a.level,
        state: a.state,
        value: a.value === null ? null : Number(a.value),
        message: a.message,
        openedAt: Number(a.opened_at),
        cause: a.cause,
        measures: a.measures,
        sensor: a.sensor_id,
        sensorKind: a.sensor_kind,
        sensorCode: a.sensor_code,
      },
      hazard: a.hazard_id,
    };
  }

  return {
    async list(actor: Principal, siteId: string) {
      requirePermission(actor, 'dualprev.read');
      const site = await sites.visible(actor, siteId);
      const rows = await listCandidateAlarms(db, site.id, SENSOR_KINDS);
      // One entry per alarm: the join may meet several hazards of one alarm (made before this rule).
      const seen = new Set<string>();
      const items = rows.flatMap((a) => {
        if (seen.has(a.id)) return [];
        seen.add(a.id);
        const c = present(a, site.kind);
        return c ? [c] : [];
      });
      return { items, total: items.length };
    },

    /** Registers the candidate as a major hazard; a repeat answers the hazard made the first time. */
    async register(actor: Principal, alarmId: string, input: { description?: string; deadline?: number; criterion?: string | null }) {
      const alarm = await findAlarm(db, alarmId);
      if (!alarm) throw new NotFound(`Alarm ${alarmId} not found`);
      const site = await sites.visible(actor, alarm.site_id);
      const c = (await this.list(actor, site.id)).items.find((x) => x.alarm === alarmId);
      if (!c) throw new NotFound(`Alarm ${alarmId} suggests no major hazard (该预警不构成隐患线索)`, 'not_a_candidate');
      const earlier = await findHazardFromAlarm(db, alarmId);
      const r = await hazards.report(actor, {
        id: earlier?.id ?? derivedId(`alarm#${alarmId}`),
        site: site.id,
        description: input.description?.trim() || c.description,
        grade: 'major',
        deadline: input.deadline ?? deps.now() + DEFAULT_DAYS * DAY_MS,
        criterion: input.criterion === undefined ? c.criterion : input.criterion,
        source: 'alarm',
        sourceRef: alarmId,
      });
      return r;
    },
  };
}

export type HazardCandidates = ReturnType<typeof createHazardCandidates>;
