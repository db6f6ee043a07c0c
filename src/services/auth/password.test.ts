import { describe, expect, it } from 'vitest';
import { DUMMY_HASH, hashPassword, hashToken, passwordProblem, verifyPassword } from './password.ts';

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const h = await hashPassword('Secret123');
    expect(h).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('Secret123', h)).toBe(true);
    expect(await verifyPassword('Secret124', h)).toBe(false);
    expect(await verifyPassword('Secret123', DUMMY_HASH)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
  });
  it('salts every hash', async () => {
    expect(await hashPassword('Secret123')).not.toBe(await hashPassword('Secret123'));
  });
  it('states what a weak password lacks', () => {
    expect(passwordProblem('short1')).toMatch(/8 characters/);
    expect(passwordProblem('onlyletters')).toMatch(/letters and digits/);
    expect(passwordProblem('Letters123')).toBeNull();
  });
  it('hashes tokens deterministically', () => {
    expect(hashToken('abc')).toBe(hashToken('abc'));
    expect(hashToken('abc')).toHaveLength(64);
  });
});
