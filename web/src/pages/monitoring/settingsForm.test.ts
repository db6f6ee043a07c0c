import { describe, expect, it } from 'vitest';
import { cleaned, fromShown, leafPaths, localMessage, overlay, settingsPatch, toShown, UNITS, type MonitoringConfig } from './settingsForm.ts';

const config: MonitoringConfig = {
  offline: {
    k: 3,
    warningIntervalSec: 1800,
    floodSeasonIntervalSec: 3600,
    repairOverdueSec: 604_800,
    reminderEverySec: 14_400,
    stationGraceSec: 3600,
    levels: { offline: 'yellow', siteSilent: 'orange', repairOverdue: 'red' },
    floodSeason: { start: { month: 6, day: 1 }, end: { month: 9, day: 30 }, source: '山西', confirmed: false },
    utcOffsetMin: 480,
  },
  escalation: { responseSec: { red: 900, orange: 1800, yellow: 3600, blue: 7200 }, maxTier: 'province', source: '平台默认值', confirmed: false },
  aggregation: { points: { blue: 4, yellow: 3, orange: 2, chain: false }, items: { blue: 4, yellow: 3, orange: 2, chain: false }, source: 'GB 39496-2020 §5.5.4', confirmed: false },
  retentionDays: null,
  tenMinuteRetentionDays: 400,
  futureToleranceSec: 300,
  webhooks: [],
  sms: { gateway: 'none', minLevel: 'orange' },
};

describe('monitoring settings form', () => {
  it('shows seconds in the unit people use and stores whole seconds back', () => {
    expect(toShown(604_800, UNITS['offline.repairOverdueSec']!)).toBe(7);
    expect(toShown(14_400, UNITS['offline.reminderEverySec']!)).toBe(4);
    expect(toShown(900, UNITS['escalation.responseSec.red']!)).toBe(15);
    expect(toShown(null, UNITS.tenMinuteRetentionDays!)).toBeNull();
    expect(fromShown(1.5, UNITS['offline.reminderEverySec']!)).toBe(5400);
    expect(fromShown(0.01, UNITS['escalation.responseSec.red']!)).toBe(1);
    expect(fromShown(null, UNITS.tenMinuteRetentionDays!)).toBeNull();
    expect(fromShown(365, UNITS.tenMinuteRetentionDays!)).toBe(365);
  });

  it('sends only what changed: a group by its fields, its inner objects whole, lists whole', () => {
    const edited = overlay(config, {
      offline: { k: 4, floodSeason: { end: { month: 10, day: 15 } } },
      tenMinuteRetentionDays: null,
      webhooks: [{ url: ' https://hooks.example.org/a ', minLevel: 'red' }],
      sms: { url: '' },
    });
    expect(settingsPatch(config, cleaned(edited))).toEqual({
      offline: { k: 4, floodSeason: { start: { month: 6, day: 1 }, end: { month: 10, day: 15 }, source: '山西', confirmed: false } },
      tenMinuteRetentionDays: null,
      webhooks: [{ url: 'https://hooks.example.org/a', minLevel: 'red' }],
    });
    expect(settingsPatch(config, cleaned(overlay(config, {})))).toEqual({});
  });

  it('names every changed leaf, for clearing its error', () => {
    expect(leafPaths({ offline: { k: 4 }, webhooks: [undefined, { url: 'x' }] })).toEqual([['offline', 'k'], ['webhooks', 1, 'url']]);
  });

  it("shows the server's message in the page's language", () => {
    expect(localMessage('must be at least 1 d (不能小于 1 天)', 'zh')).toBe('不能小于 1 天');
    expect(localMessage('must be at least 1 d (不能小于 1 天)', 'en')).toBe('must be at least 1 d');
    expect(localMessage('must be a full URL such as https://example.org/hook (须为完整网址)', 'zh')).toBe('须为完整网址');
    expect(localMessage('Too small (x)', 'zh')).toBe('Too small (x)');
  });
});
