import { describe, expect, it } from 'vitest';
import { applyPenaltyAction, checkAmount, penaltyActions, type PenaltyFacts } from './penalties.ts';
import { IllegalTransition } from './lifecycle.ts';

const fine: PenaltyFacts = { state: 'decided', kind: 'fine', violation: '未按规定排查隐患', basis: { law: '《中华人民共和国安全生产法》', article: '第一百零二条' }, amount: 50000, paidAmount: null };

describe('penalty life cycle', () => {
  it('goes decided → notified → paid → closed', () => {
    const n = applyPenaltyAction(fine, { type: 'notify' });
    expect(n.state).toBe('notified');
    expect(() => applyPenaltyAction(n, { type: 'close' })).toThrow(/not paid/);
    const p = applyPenaltyAction(n, { type: 'pay' });
    expect(p).toMatchObject({ state: 'paid', paidAmount: 50000 });
    expect(applyPenaltyAction(p, { type: 'close' }).state).toBe('closed');
  });

  it('goes through an appeal: upheld then paid, or overturned then closed', () => {
    const a = applyPenaltyAction(applyPenaltyAction(fine, { type: 'notify' }), { type: 'appeal', reason: '申请行政复议' });
    expect(a.state).toBe('appealed');
    expect(() => applyPenaltyAction(a, { type: 'pay' })).toThrow(IllegalTransition);
    const up = applyPenaltyAction(a, { type: 'uphold', reason: '复议维持' });
    expect(applyPenaltyAction(up, { type: 'pay' }).state).toBe('paid');
    const over = applyPenaltyAction(a, { type: 'overturn', reason: '复议撤销' });
    expect(applyPenaltyAction(over, { type: 'close' }).state).toBe('closed');
  });

  it('closes a warning once notified; corrections keep the state and check the amount', () => {
    const w: PenaltyFacts = { ...fine, kind: 'warning', amount: null };
    const n = applyPenaltyAction(w, { type: 'notify' });
    expect(() => applyPenaltyAction(n, { type: 'pay' })).toThrow(/nothing to pay/);
    expect(applyPenaltyAction(n, { type: 'close' }).state).toBe('closed');
    const c = applyPenaltyAction(fine, { type: 'correct', reason: '金额笔误', amount: 30000 });
    expect(c).toMatchObject({ state: 'decided', amount: 30000 });
    expect(() => applyPenaltyAction(fine, { type: 'correct', reason: 'x', amount: 0 })).toThrow(/amount/);
    expect(() => checkAmount('warning', 100)).toThrow(/no amount/);
    expect(penaltyActions('closed')).toEqual([]);
    expect(() => applyPenaltyAction({ ...fine, state: 'closed' }, { type: 'correct', reason: 'x' })).toThrow(IllegalTransition);
  });
});
