import { describe, expect, it } from 'vitest';
import { refuseAcceptance, refuseSupervision, type Supervision } from './supervision.ts';

const sup: Supervision = { level: 'province', body: '省应急管理厅', order: '限期整改', deadline: 2, at: 1, by: '张', byId: 'u1', orderId: null };

describe('listed supervision', () => {
  it('lists a major open hazard once', () => {
    expect(refuseSupervision({ grade: 'major', state: 'planned', supervision: null, acceptance: null })).toBeNull();
    expect(refuseSupervision({ grade: 'general', state: 'planned', supervision: null, acceptance: null })?.code).toBe('not_major');
    expect(refuseSupervision({ grade: 'major', state: 'planned', supervision: sup, acceptance: null })?.code).toBe('already_supervised');
    expect(refuseSupervision({ grade: 'major', state: 'closed', supervision: null, acceptance: null })?.code).toBe('hazard_closed');
  });

  it('accepts the close-out of a listed hazard after the enterprise verified it, once', () => {
    expect(refuseAcceptance({ grade: 'major', state: 'verified', supervision: sup, acceptance: null })).toBeNull();
    expect(refuseAcceptance({ grade: 'major', state: 'closed', supervision: sup, acceptance: null })).toBeNull();
    expect(refuseAcceptance({ grade: 'major', state: 'rectified', supervision: sup, acceptance: null })?.code).toBe('not_verified');
    expect(refuseAcceptance({ grade: 'major', state: 'verified', supervision: null, acceptance: null })?.code).toBe('not_supervised');
    const acc = { level: 'county' as const, body: '县局', note: null, at: 3, by: null, byId: null, orderId: null };
    expect(refuseAcceptance({ grade: 'major', state: 'closed', supervision: sup, acceptance: acc })?.code).toBe('already_accepted');
  });
});
