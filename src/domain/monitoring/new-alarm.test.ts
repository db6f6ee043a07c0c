import { describe, expect, it } from 'vitest';
import { newAlarm } from './new-alarm.ts';

const facts = { id: 'a1', siteId: 's1', sensorId: 'x1', regionCode: '140000', enterpriseId: 'e1', kind: 'threshold', level: 'yellow', message: 'm', openedAt: 10, now: 20, originNode: 'n1' };

describe('newAlarm', () => {
  it('opens at the given level, unanswered, with the enterprise answering first', () => {
    const a = newAlarm(facts);
    expect(a).toMatchObject({ state: 'open', level: 'yellow', current_level: 'yellow', relapses: 0, tier: 'enterprise', value: null, recovered_at: null, opened_at: 10, created_at: 20, updated_at: 20 });
    for (const k of ['acknowledged_at', 'acknowledged_by', 'analysed_at', 'analysed_by', 'cause', 'measures', 'verified_at', 'verified_by', 'closed_at', 'closed_by', 'escalated_at', 'reminded_at'] as const) expect(a[k]).toBeNull();
  });

  it('keeps what the opener knows: the current level, the value, a recovery, another tier', () => {
    const a = newAlarm({ ...facts, currentLevel: null, value: 3.2, recoveredAt: 15, tier: 'county' });
    expect(a).toMatchObject({ current_level: null, value: 3.2, recovered_at: 15, tier: 'county' });
  });
});
