import { describe, expect, it } from 'vitest';
import { thresholdWeakenings, thresholdsOwner } from './floor.ts';

describe('thresholdWeakenings', () => {
  it('lists loosened and removed levels by direction, not tightened or added ones', () => {
    expect(thresholdWeakenings({ direction: 'above', orange: 10, red: 12 }, { direction: 'above', orange: 9, red: 13 })).toEqual([{ kind: 'loosened', level: 'red', from: 12, to: 13 }]);
    expect(thresholdWeakenings({ direction: 'below', red: 0.7 }, { direction: 'below', red: 0.5, orange: 1 })).toEqual([{ kind: 'loosened', level: 'red', from: 0.7, to: 0.5 }]);
    expect(thresholdWeakenings({ direction: 'below', red: 0.7, orange: 1 }, { direction: 'below', red: 0.9 })).toEqual([{ kind: 'removed', level: 'orange', from: 1 }]);
    expect(thresholdWeakenings({ direction: 'below', red: 0.7 }, { direction: 'below', red: 0.9, orange: 1.2 })).toEqual([]);
  });

  it('counts a turned direction and slower rules as weakening', () => {
    expect(thresholdWeakenings({ direction: 'above', red: 1 }, { direction: 'below', red: 1 })).toEqual([{ kind: 'direction', from: 'above', to: 'below' }]);
    expect(thresholdWeakenings({ direction: 'above', red: 1 }, { direction: 'above', red: 1, minDurationSec: 600, minCount: 3 })).toEqual([
      { kind: 'delayed', field: 'minDurationSec', from: 0, to: 600 },
      { kind: 'delayed', field: 'minCount', from: 1, to: 3 },
    ]);
  });

  it('does not take a value outside what the sensor measures as a tightening', () => {
    expect(thresholdWeakenings({ direction: 'below', red: 0.7 }, { direction: 'below', red: 100000 }, [-50, 500])).toEqual([{ kind: 'implausible', level: 'red', value: 100000, range: [-50, 500] }]);
    expect(thresholdWeakenings({ direction: 'below', red: 0.7 }, { direction: 'below', red: 0.9 }, [-50, 500])).toEqual([]);
  });
});

describe('thresholdsOwner', () => {
  it('takes the stored owner, else the template when a level holds its value', () => {
    expect(thresholdsOwner('officer', {})).toBe('officer');
    expect(thresholdsOwner(null, { red: { origin: 'template' } })).toBe('template');
    expect(thresholdsOwner(null, { red: { origin: 'manual' } })).toBe('enterprise');
  });
});
