import { describe, expect, it } from 'vitest';
import type { Equipment } from '../define.ts';
import { context, site } from '../test-kit.ts';
import { bannedEquipment, expertConsultation, fillingMethod } from './underground.ts';

const consult = (ctx: ReturnType<typeof context>) => expertConsultation.evaluate(ctx, ctx.params('expert_consultation') as never);

describe('expert_consultation', () => {
  it('is due above 30 people underground, not at 30', () => {
    const at = site({ peopleUnderground: 30 });
    const above = site({ peopleUnderground: 31 });
    expect(consult(context([at, above])).map((c) => c.site)).toEqual([above.id]);
  });

  it('is due deeper than 800 m: 801 yes, 800 and 799 no', () => {
    const [s799, s800, s801] = [site({ depth: 799 }), site({ depth: 800 }), site({ depth: 801 })];
    const out = consult(context([s799, s800, s801]));
    expect(out.map((c) => c.site)).toEqual([s801.id]);
    expect(out[0]!.evidence.triggers).toEqual(['depth']);
  });

  it('a consultation within the year satisfies it; one older than 365 days does not', () => {
    const s = site({ peopleUnderground: 40 });
    expect(consult(context([s], { today: '2026-12-06', consultations: { [s.id]: ['2025-12-06'] } }))).toEqual([]);
    const out = consult(context([s], { today: '2026-12-06', consultations: { [s.id]: ['2025-12-05'] } }));
    expect(out[0]!.evidence.lastConsultation).toBe('2025-12-05');
  });

  it('applies to underground mines only', () => {
    expect(consult(context([site({ kind: 'open_pit', peopleUnderground: 99, depth: 900 })]))).toEqual([]);
  });
});

describe('filling_method', () => {
  const fill = (ctx: ReturnType<typeof context>) => fillingMethod.evaluate(ctx, ctx.params('filling_method') as never);
  it('asks a new underground metal mine for its filling-method assessment', () => {
    const building = site({ minerals: ['copper'], status: 'construction' });
    const flagged = site({ minerals: ['iron'] });
    const assessed = site({ minerals: ['gold'], status: 'construction' });
    const lime = site({ minerals: ['limestone'], status: 'construction' });
    const old = site({ minerals: ['iron'] });
    const out = fill(context([building, flagged, assessed, lime, old], { facts: { [flagged.id]: { newMine: true }, [assessed.id]: { fillingAssessedOn: '2026-01-01' } } }));
    expect(out.map((c) => c.site)).toEqual([building.id, flagged.id]);
  });
});

describe('banned_equipment', () => {
  const s = site();
  const item = (over: Partial<Equipment>): Equipment => ({ id: 'q1', site: s.id, name: '铲运车', kind: 'trackless_vehicle', model: null, brakeType: 'wet', carries: [], ...over });
  const ban = (eq: Equipment[]) => {
    const ctx = context([s], { equipment: eq });
    return bannedEquipment.evaluate(ctx, ctx.params('banned_equipment') as never);
  };

  it('bans dry-brake trackless vehicles carrying people, explosives or fuel, not ore, not wet brakes', () => {
    const out = ban([
      item({ id: 'a', brakeType: 'dry', carries: ['people'] }),
      item({ id: 'b', brakeType: 'dry', carries: ['explosives', 'ore'] }),
      item({ id: 'c', brakeType: 'dry', carries: ['fuel'] }),
      item({ id: 'd', brakeType: 'dry', carries: ['ore'] }),
      item({ id: 'e', brakeType: 'wet', carries: ['people'] }),
      item({ id: 'f', kind: 'drill', brakeType: 'dry', carries: ['people'] }),
    ]);
    expect(out.map((c) => c.key)).toEqual(['a:dry_brake', 'b:dry_brake', 'c:dry_brake']);
  });

  it('matches the banned catalogue by name or model', () => {
    const out = ban([item({ id: 'h', name: '提升机电控', kind: 'hoist', model: 'tkd-a 1' }), item({ id: 'k', name: '凿岩机', kind: 'drill', model: 'YT28' })]);
    expect(out.map((c) => c.key)).toEqual(['h:tkd_hoist_control']);
    expect(out[0]!.evidence.confirmed).toBe(false);
  });
});
