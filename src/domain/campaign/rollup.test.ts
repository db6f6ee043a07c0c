import { describe, expect, it } from 'vitest';
import { rolledProgress, roots, taskProgress } from './rollup.ts';

describe('progress roll-up', () => {
  const rows = [
    { id: 'city1', parentId: null, progress: 0 },
    { id: 'city2', parentId: null, progress: 40 },
    { id: 'county1', parentId: 'city1', progress: 10 },
    { id: 'county2', parentId: 'city1', progress: 0 },
    { id: 'ent1', parentId: 'county1', progress: 100 },
    { id: 'ent2', parentId: 'county1', progress: 50 },
  ];
  it('a parent is the mean of its shares; a leaf is what it reported', () => {
    const r = rolledProgress(rows);
    expect(r.get('county1')).toBe(75);
    expect(r.get('city1')).toBe(37.5);
    expect(r.get('city2')).toBe(40);
  });
  it('a task is the mean of its direct assignments', () => {
    expect(taskProgress(rows)).toBe(38.8);
    expect(taskProgress([])).toBeNull();
  });
  it('an assignment whose parent is not held here counts as direct', () => {
    expect(roots([{ id: 'a', parentId: 'elsewhere', progress: 1 }]).map((r) => r.id)).toEqual(['a']);
  });
});
