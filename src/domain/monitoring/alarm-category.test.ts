import { describe, expect, it } from 'vitest';
import { alarmCategory } from './alarm-category.ts';

describe('alarm categories', () => {
  it('files silence as a transmission alarm, apart from the four-colour safety warnings', () => {
    expect(alarmCategory('offline')).toBe('transmission');
    expect(alarmCategory('site_offline')).toBe('transmission');
    expect(alarmCategory('network')).toBe('transmission');
    expect(alarmCategory('threshold')).toBe('safety');
    expect(alarmCategory('rate')).toBe('safety');
    expect(alarmCategory('quality')).toBe('quality');
  });
});
