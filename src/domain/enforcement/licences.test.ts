import { describe, expect, it } from 'vitest';
import { IllegalTransition } from './lifecycle.ts';
import { applyLicenceAction, defaultExpiry, licenceActions, licenceStateAt, permitsProduction, renewalFrom } from './licences.ts';

const lic = (expiresAt: string, status: 'valid' | 'suspended' | 'revoked' | 'cancelled' = 'valid') => ({ status, expiresAt, conditions: null });

describe('licenceStateAt', () => {
  it('is valid, then expiring inside the 3-month window, then expired after the last day', () => {
    const l = lic('2027-05-31');
    expect(renewalFrom('2027-05-31')).toBe('2027-02-28');
    expect(licenceStateAt(l, '2027-02-27')).toBe('valid');
    expect(licenceStateAt(l, '2027-02-28')).toBe('expiring');
    expect(licenceStateAt(l, '2027-05-31')).toBe('expiring');
    expect(licenceStateAt(l, '2027-06-01')).toBe('expired');
    // An instant is read on the China calendar: 2027-05-31T16:30Z is already 1 June in Shanxi.
    expect(licenceStateAt(l, Date.parse('2027-05-31T15:30:00Z'))).toBe('expiring');
    expect(licenceStateAt(l, Date.parse('2027-05-31T16:30:00Z'))).toBe('expired');
  });

  it('keeps what officers decided whatever the date', () => {
    expect(licenceStateAt(lic('2030-01-01', 'suspended'), '2031-01-01')).toBe('suspended');
    expect(licenceStateAt(lic('2030-01-01', 'revoked'), '2025-01-01')).toBe('revoked');
    expect(permitsProduction('expiring')).toBe(true);
    expect(permitsProduction('suspended')).toBe(false);
  });

  it('lasts 3 years by default', () => {
    expect(defaultExpiry('2024-03-15')).toBe('2027-03-14');
  });
});

describe('licence actions', () => {
  it('suspends with conditions, reinstates, renews and cancels', () => {
    const s = applyLicenceAction(lic('2027-01-01'), { type: 'suspend', reason: '通风系统不符合要求', conditions: '整改通风系统' }, '2025-06-01');
    expect(s).toEqual({ status: 'suspended', expiresAt: '2027-01-01', conditions: '整改通风系统' });
    const r = applyLicenceAction({ ...s }, { type: 'reinstate', reason: '整改完成' }, '2025-07-01');
    expect(r.status).toBe('valid');
    const n = applyLicenceAction({ ...r }, { type: 'renew' }, '2026-11-01');
    expect(n.expiresAt).toBe('2030-01-01');
    expect(applyLicenceAction(lic('2025-01-01'), { type: 'cancel', reason: '期满未延续' }, '2025-03-01').status).toBe('cancelled');
  });

  it('refuses what the state does not allow with 409 naming state and action', () => {
    expect(() => applyLicenceAction(lic('2027-01-01'), { type: 'reinstate', reason: 'x' }, '2025-01-01')).toThrow(IllegalTransition);
    expect(() => applyLicenceAction(lic('2027-01-01', 'revoked'), { type: 'suspend', reason: 'x', conditions: 'y' }, '2025-01-01')).toThrow(/state 'revoked'.*'suspend'/);
    expect(() => applyLicenceAction(lic('2025-01-01'), { type: 'renew' }, '2025-02-01')).toThrow(/state 'expired'.*'renew'/);
    expect(() => applyLicenceAction(lic('2027-01-01'), { type: 'renew', expiresAt: '2026-01-01' }, '2025-01-01')).toThrow(/must be after/);
    expect(licenceActions(lic('2027-01-01', 'suspended'), '2025-01-01')).toEqual(['reinstate', 'revoke', 'cancel']);
  });
});
