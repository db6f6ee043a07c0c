import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestStore, STORE_KINDS, type TestStore } from '../../../test/support/stores.ts';
import { getSetting, swapSetting } from './settings.ts';

describe.each(STORE_KINDS)('swapSetting (%s)', (kind) => {
  let t: TestStore;
  beforeAll(async () => void (t = await makeTestStore(kind)));
  afterAll(async () => t?.cleanup());

  it('sets a value only over the one expected, absent included', async () => {
    const db = t.store.db;
    expect(await swapSetting(db, 'v', undefined, '1', 10)).toBe(true);
    expect(await swapSetting(db, 'v', undefined, '9', 11)).toBe(false);
    expect(await swapSetting(db, 'v', '0', '9', 12)).toBe(false);
    expect(await getSetting(db, 'v')).toBe('1');
    expect(await swapSetting(db, 'v', '1', '2', 13)).toBe(true);
    expect(await swapSetting(db, 'v', '1', '3', 14)).toBe(false);
    expect(await getSetting(db, 'v')).toBe('2');
  });
});
