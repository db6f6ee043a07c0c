import { requirePermission, requirePlatformWide, type Principal } from '../../domain/access/policy.ts';
import { DEFAULT_OVERDUE_POLICY, DEFAULT_RISK_BANDS, validateBands, validateOverduePolicy, type OverduePolicy, type RiskBands } from '../../domain/dualprev/index.ts';
import { appendChange } from '../../store/repos/change-log.ts';
import { getSetting, putSetting } from '../../store/repos/settings.ts';
import type { Executor } from '../../store/db.ts';
import type { Deps } from '../context.ts';

export interface DualPrevSettings {
  riskBands: RiskBands;
  overduePolicy: OverduePolicy;
}

const KEY = 'dualprev.settings';
export const DEFAULT_DUALPREV_SETTINGS: DualPrevSettings = { riskBands: DEFAULT_RISK_BANDS, overduePolicy: DEFAULT_OVERDUE_POLICY };

/** The rule values an administrator may see and change: risk bands and overdue escalation days, each with its source. */
export function createDualPrevSettings(deps: Pick<Deps, 'store' | 'now' | 'nodeId'>) {
  const { db } = deps.store;

  async function get(ex: Executor = db): Promise<DualPrevSettings> {
    const raw = await getSetting(ex, KEY);
    if (!raw) return DEFAULT_DUALPREV_SETTINGS;
    const stored = JSON.parse(raw) as Partial<DualPrevSettings>;
    return { riskBands: { ...DEFAULT_RISK_BANDS, ...stored.riskBands }, overduePolicy: stored.overduePolicy ?? DEFAULT_OVERDUE_POLICY };
  }

  return {
    get,
    async read(actor: Principal) {
      requirePermission(actor, 'dualprev.read');
      return get();
    },
    async update(actor: Principal, patch: Partial<DualPrevSettings>): Promise<DualPrevSettings> {
      // The bands and escalation days hold in every region: one region's administrator does not change them.
      requirePlatformWide(actor, 'settings.manage');
      return db.transaction().execute(async (tx) => {
        const before = await get(tx);
        const after: DualPrevSettings = { riskBands: { ...before.riskBands, ...patch.riskBands }, overduePolicy: patch.overduePolicy ?? before.overduePolicy };
        validateBands(after.riskBands.LEC, 'riskBands.LEC.bands');
        validateBands(after.riskBands.LS, 'riskBands.LS.bands');
        validateOverduePolicy(after.overduePolicy);
        const now = deps.now();
        await putSetting(tx, KEY, JSON.stringify(after), now);
        await appendChange(tx, { actorId: actor.id, actorName: actor.name, entity: 'setting', entityId: KEY, op: 'update', changes: { from: before, to: after }, originNode: deps.nodeId, at: now });
        return after;
      });
    },
  };
}

export type DualPrevSettingsService = ReturnType<typeof createDualPrevSettings>;
