import { describe, expect, it } from 'vitest';
import { applyCaseAction, caseActions, pendingReferrals, type CaseFacts } from './cases.ts';
import { IllegalTransition } from './lifecycle.ts';

const fresh: CaseFacts = { state: 'opened', evidence: ['f1'], referrals: [], outcome: null, closedAt: null };
const t0 = Date.parse('2025-03-01T10:00:00+08:00');

describe('illegal-activity case life cycle', () => {
  it('goes opened → investigating → referred (reply tracked) → closed', () => {
    const a = applyCaseAction(fresh, { type: 'investigate' }, t0);
    expect(a.state).toBe('investigating');
    const b = applyCaseAction(a, { type: 'refer', to: 'public_security', reason: '涉嫌非法采矿罪', referralId: 'r1', reference: '晋应急移〔2025〕3号' }, t0);
    expect(b.state).toBe('referred');
    expect(b.referrals[0]).toMatchObject({ to: 'public_security', replyDue: '2025-03-31', reply: null });
    expect(pendingReferrals(b, '2025-04-01')[0]!.overdue).toBe(true);
    const c = applyCaseAction(b, { type: 'reply', reply: '已立案侦查' }, t0 + 1000);
    expect(c.referrals[0]).toMatchObject({ reply: '已立案侦查', repliedAt: t0 + 1000 });
    expect(pendingReferrals(c, '2025-04-01')).toEqual([]);
    expect(() => applyCaseAction(c, { type: 'reply', referral: 'r1', reply: 'again' }, t0)).toThrow(/already answered/);
    const d = applyCaseAction(c, { type: 'evidence', files: ['f2', 'f1'] }, t0);
    expect(d.evidence).toEqual(['f1', 'f2']);
    const e = applyCaseAction(d, { type: 'close', reason: '移送完毕', outcome: '罚款50万元并移送' }, t0);
    expect(e).toMatchObject({ state: 'closed', outcome: '罚款50万元并移送', closedAt: t0 });
    expect(fresh.state).toBe('opened');
  });

  it('refuses actions the state does not allow', () => {
    expect(() => applyCaseAction(fresh, { type: 'refer', to: 'natural_resources', reason: 'x', referralId: 'r' }, t0)).toThrow(IllegalTransition);
    expect(() => applyCaseAction(fresh, { type: 'reply', reply: 'x' }, t0)).toThrow(/state 'opened'.*'reply'/);
    const closed = applyCaseAction(fresh, { type: 'close', reason: '举报不实', outcome: '不予立案' }, t0);
    expect(() => applyCaseAction(closed, { type: 'evidence', files: ['x'] }, t0)).toThrow(IllegalTransition);
    expect(caseActions('closed')).toEqual([]);
  });
});
