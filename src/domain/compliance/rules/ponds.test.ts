import { describe, expect, it } from 'vitest';
import { bearing, destination, nearestRiver } from '../geodesy.ts';
import { context, pond, shippedRivers } from '../test-kit.ts';
import { headsUpPond, headsUpTreatment, pondCountBaseline, pondDamHeight, yellowRiverDistance } from './ponds.ts';

describe('pond_dam_height', () => {
  it('flags a new pond over 200 m: 200.1 yes, 200 and 199.9 no, an old 250 m pond no', () => {
    const [a, b, c, old] = [pond({ isNew: true, damHeight: 199.9 }), pond({ isNew: true, damHeight: 200 }), pond({ isNew: true, damHeight: 200.1 }), pond({ isNew: false, damHeight: 250 })];
    const ctx = context([a, b, c, old]);
    expect(pondDamHeight.evaluate(ctx, ctx.params('pond_dam_height') as never).map((x) => x.site)).toEqual([c.id]);
  });
});

describe('heads_up_pond and heads_up_treatment', () => {
  it('a new heads-up pond is banned; an existing one is listed for closure or upgrade', () => {
    const [fresh, old, plain] = [pond({ isNew: true, headsUp: true }), pond({ isNew: false, headsUp: true }), pond({ isNew: true, headsUp: false })];
    expect(headsUpPond.evaluate(context([fresh, old, plain]), {}).map((x) => [x.site, x.key])).toEqual([
      [fresh.id, 'new'],
      [old.id, 'existing'],
    ]);
  });

  it('a heads-up pond without a treatment plan is a finding; with one it is not', () => {
    const [a, b] = [pond({ headsUp: true }), pond({ headsUp: true })];
    expect(headsUpTreatment.evaluate(context([a, b], { facts: { [b.id]: { headsUpPlanOn: '2026-03-01' } } }), {}).map((x) => x.site)).toEqual([a.id]);
  });
});

describe('yellow_river_distance', () => {
  const rivers = shippedRivers();
  /** A point `km` off the middle of a long straight segment, at right angles to it. */
  function off(a: [number, number], b: [number, number], km: number, side: 1 | -1): [number, number] {
    const brg = bearing(a, b);
    const len = 6371.0088 * 2 * Math.asin(Math.min(1, Math.hypot(Math.sin(((b[1] - a[1]) * Math.PI) / 360), Math.sqrt(Math.cos((a[1] * Math.PI) / 180) * Math.cos((b[1] * Math.PI) / 180)) * Math.sin(((b[0] - a[0]) * Math.PI) / 360))));
    const mid = destination(a, len / 2, brg);
    return destination(mid, km, bearing(mid, b) + 90 * side);
  }
  const HUANG: [[number, number], [number, number]] = [[110.44687, 36.14179], [110.49749, 35.9796]];
  const FEN: [[number, number], [number, number]] = [[111.96315, 38.41547], [111.86712, 38.28494]];
  const check = (pts: [number, number][], isNew = true) => {
    const ponds = pts.map(([lng, lat]) => pond({ isNew, lng, lat }));
    const ctx = context(ponds, { rivers });
    return { ponds, out: yellowRiverDistance.evaluate(ctx, ctx.params('yellow_river_distance') as never) };
  };

  it('measures the distance to the main course geodesically (within a metre of the construction)', () => {
    const p = off(...HUANG, 2.5, -1);
    expect(nearestRiver(rivers, p[0], p[1], 'main')!.km).toBeCloseTo(2.5, 3);
  });

  it('2.99 km from the main course is inside the 3 km band; 3.01 km is outside', () => {
    const { ponds, out } = check([off(...HUANG, 2.99, -1), off(...HUANG, 3.01, -1)]);
    expect(out.map((c) => [c.site, c.key])).toEqual([[ponds[0]!.id, 'main']]);
    expect(out[0]!.evidence).toMatchObject({ river: 'Huang', role: 'main', limitKm: 3, geometry: 'Natural Earth 1:10m (test)' });
    expect(out[0]!.evidence.distanceKm).toBeCloseTo(2.99, 3);
  });

  it('0.99 km from a tributary (the Fen) is inside the 1 km band; 1.01 km is outside', () => {
    const { ponds, out } = check([off(...FEN, 0.99, 1), off(...FEN, 1.01, 1), off(...FEN, 0.99, -1)]);
    expect(out.map((c) => [c.site, c.key])).toEqual([
      [ponds[0]!.id, 'tributary'],
      [ponds[2]!.id, 'tributary'],
    ]);
    expect(out[0]!.evidence.riverZh).toBe('汾河');
  });

  it('applies to new or expanded ponds only', () => {
    expect(check([off(...HUANG, 0.5, -1)], false).out).toEqual([]);
  });
});

describe('pond_count_baseline', () => {
  it('flags a region above its 2020 baseline, counted by region prefix, not at it', () => {
    const ponds = [pond({ region: '140105' }), pond({ region: '140106' }), pond({ region: '140202' })];
    const ctx = context(ponds, { params: { pond_count_baseline: { baseline: { '140100': 1, '140200': 1 } } } });
    const out = pondCountBaseline.evaluate(ctx, ctx.params('pond_count_baseline') as never);
    expect(out.map((c) => [c.site, c.region, c.evidence.count])).toEqual([[null, '140100', 2]]);
  });
});
