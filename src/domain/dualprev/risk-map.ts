import type { FieldProblem } from '../errors.ts';
import { RISK_LEVEL_LABELS, RISK_LEVELS, type RiskLevel } from './risk-levels.ts';

/**
 * The four-colour risk map (四色风险分布图): the areas of a site drawn as polygons on its uploaded plan
 * image, in the image's pixel coordinates, each coloured by the highest level of the risk points in
 * that area (red 重大, orange 较大, yellow 一般, blue 低).
 */
export type Point = [x: number, y: number];
export interface MapArea {
  /** The risk points' `area` (区域/场所) this polygon draws. */
  area: string;
  polygon: Point[];
}
export interface RiskMapPlan {
  /** The plan image (a file id). */
  file: string;
  width: number;
  height: number;
  areas: MapArea[];
}

export function validateRiskMap(m: RiskMapPlan): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const names = new Set<string>();
  m.areas.forEach((a, i) => {
    if (names.has(a.area)) problems.push({ path: `areas.${i}.area`, message: `area ${a.area} is drawn twice` });
    names.add(a.area);
    if (a.polygon.length < 3) problems.push({ path: `areas.${i}.polygon`, message: 'a polygon needs at least 3 points' });
    a.polygon.forEach(([x, y], j) => {
      if (x < 0 || y < 0 || x > m.width || y > m.height) problems.push({ path: `areas.${i}.polygon.${j}`, message: `(${x}, ${y}) lies outside the ${m.width}×${m.height} image` });
    });
  });
  return problems;
}

/** The highest of the levels (major first), or null for an area with no risk point. */
export function highestLevel(levels: readonly string[]): RiskLevel | null {
  return RISK_LEVELS.find((l) => levels.includes(l)) ?? null;
}

export const colourOf = (level: RiskLevel | null) => (level ? RISK_LEVEL_LABELS[level].colour : null);
