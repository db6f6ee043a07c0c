import { canSee, requirePermission, scopeOf, type Principal } from '../../domain/access/policy.ts';
import { resolveParams, ruleById } from '../../domain/compliance/catalogue.ts';
import { riverLayers } from '../../domain/compliance/river-buffers.ts';
import { isOpen, type FindingState } from '../../domain/compliance/findings.ts';
import { listFindings } from '../../store/repos/compliance/findings.ts';
import { listAllSites } from '../../store/repos/compliance/records.ts';
import type { Deps } from '../context.ts';
import { riversInForce, storedParams } from './context.ts';

const RULE = 'yellow_river_distance';

/** The Yellow River layer of the compliance map: river lines, their buffers and the ponds in the caller's scope. */
export function createRiverMap(deps: Pick<Deps, 'store'>) {
  const { db } = deps.store;
  let cached: { key: string; layers: ReturnType<typeof riverLayers> } | null = null;

  async function layers() {
    const rivers = await riversInForce(db);
    const p = resolveParams(ruleById(RULE), (await storedParams(db)).get(RULE)?.values) as { mainKm: number; tributaryKm: number };
    const key = JSON.stringify([rivers.source, rivers.lines.length, rivers.lines.map((l) => l.coordinates.length), p.mainKm, p.tributaryKm]);
    // Buffering is the slow part; the geometry changes only when an administrator loads rivers or moves the distances.
    if (cached?.key !== key) cached = { key, layers: riverLayers(rivers, { main: p.mainKm, tributary: p.tributaryKm }) };
    return { source: rivers.source, bufferKm: { main: p.mainKm, tributary: p.tributaryKm }, ...cached.layers };
  }

  async function ponds(actor: Principal) {
    const sites = (await listAllSites(db)).filter((s) => s.kind === 'tailings_pond' && s.lng !== null && s.lat !== null && canSee(actor, { regionCode: s.region, enterpriseId: s.enterprise }));
    const findings = (await listFindings(db, { scope: scopeOf(actor), rule: RULE, limit: 100_000, offset: 0 })).items.filter((f) => isOpen(f.state as FindingState) || f.state === 'waived');
    return sites.map((s) => {
      const f = findings.filter((x) => x.site_id === s.id);
      return { site: s.id, code: s.code, name: s.name, lng: s.lng!, lat: s.lat!, isNew: s.isNew, findings: f.map((x) => ({ id: x.id, message: x.message, state: x.state })) };
    });
  }

  return {
    async map(actor: Principal) {
      requirePermission(actor, 'compliance.read');
      return { ...(await layers()), ponds: await ponds(actor) };
    },
  };
}

export type RiverMap = ReturnType<typeof createRiverMap>;
