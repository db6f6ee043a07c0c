import { describe, expect, it } from 'vitest';
import { context, pond, site } from '../test-kit.ts';
import { closureCandidate, minScale, oneMineOneOperator } from './scale.ts';

const run = (rule: typeof minScale | typeof closureCandidate, ctx: ReturnType<typeof context>) => rule.evaluate(ctx, ctx.params(rule.id) as never);

describe('min_scale', () => {
  it('underground iron elsewhere: 10 passes, 9.99 is below, and the evidence says the design capacity was used', () => {
    const at = site({ minerals: ['iron'], designCapacity: 10 });
    const below = site({ minerals: ['iron'], designCapacity: 9.99, actualCapacity: 50 });
    const out = run(minScale, context([at, below]));
    expect(out.map((c) => c.site)).toEqual([below.id]);
    expect(out[0]!.evidence).toMatchObject({ minimum: 10, capacity: 9.99, capacityField: 'designCapacity' });
  });

  it('falls back to the actual capacity and says so', () => {
    const s = site({ minerals: ['iron'], actualCapacity: 8 });
    expect(run(minScale, context([s]))[0]!.evidence).toMatchObject({ capacity: 8, capacityField: 'actualCapacity' });
  });

  it('open-pit iron: 20 passes, 19.9 is below', () => {
    const out = run(minScale, context([site({ kind: 'open_pit', minerals: ['iron'], designCapacity: 20 }), site({ kind: 'open_pit', minerals: ['iron'], designCapacity: 19.9 })]));
    expect(out).toHaveLength(1);
    expect(out[0]!.evidence.minimum).toBe(20);
  });

  it('key counties: 30 for underground copper there, configured as county codes; no key counties by default', () => {
    const at = site({ region: '140827', minerals: ['copper'], designCapacity: 30 });
    const below = site({ region: '140827', minerals: ['copper'], designCapacity: 29 });
    expect(run(minScale, context([at, below]))).toEqual([]); // copper has no minimum outside key counties
    const out = run(minScale, context([at, below], { params: { min_scale: { keyCounties: ['140827'] } } }));
    expect(out.map((c) => c.site)).toEqual([below.id]);
    expect(out[0]!.evidence).toMatchObject({ minimum: 30, basis: 'key county, underground' });
  });

  it('flags a mine with no capacity recorded under its own key, and ignores closed mines and limestone', () => {
    const none = site({ minerals: ['iron'] });
    const closed = site({ minerals: ['iron'], designCapacity: 1, status: 'closed' });
    const lime = site({ minerals: ['limestone'], designCapacity: 1 });
    const out = run(minScale, context([none, closed, lime]));
    expect(out.map((c) => [c.site, c.key])).toEqual([[none.id, 'unknown']]);
  });
});

describe('one_mine_one_operator', () => {
  it('flags each site when two enterprises share a mining licence number (spaces and case ignored)', () => {
    const a = site({ miningLicence: 'C1400002010 ', enterprise: 'e1' });
    const b = site({ miningLicence: 'c1400002010', enterprise: 'e2' });
    const c = site({ miningLicence: 'C1400009999', enterprise: 'e1' });
    const d = site({ miningLicence: 'C1400009999', enterprise: 'e1' });
    const out = oneMineOneOperator.evaluate(context([a, b, c, d]), {});
    expect(out.map((x) => x.site).sort()).toEqual([a.id, b.id].sort());
    expect(out[0]!.key).toBe('C1400002010');
    expect(out[0]!.evidence.enterprises).toEqual(['e1', 'e2']);
  });
});

describe('closure_candidate', () => {
  it('lists a mine below the minimum scale but not one at it', () => {
    const at = site({ minerals: ['iron'], designCapacity: 10 });
    const below = site({ minerals: ['iron'], designCapacity: 9 });
    expect(run(closureCandidate, context([at, below])).map((c) => c.site)).toEqual([below.id]);
  });

  it('lists ponds at their final elevation, no longer receiving tailings, or idle 3 years (not 1 day less)', () => {
    const [fin, dry, idle, young, working] = [pond(), pond(), pond(), pond(), pond()];
    const ctx = context([fin, dry, idle, young, working], {
      today: '2026-12-06',
      facts: { [fin.id]: { atFinalElevation: true }, [dry.id]: { receivingTailings: false }, [idle.id]: { idleSince: '2023-12-07' }, [young.id]: { idleSince: '2023-12-08' }, [working.id]: { receivingTailings: true } },
    });
    expect(run(closureCandidate, ctx).map((c) => [c.site, c.key])).toEqual([
      [fin.id, 'final_elevation'],
      [dry.id, 'not_receiving'],
      [idle.id, 'idle'],
    ]);
  });
});
