/**
 * Standing instructions that travel with an alarm. A red ground-pressure alarm over a goaf (采空区地压)
 * means the roof may be about to go: the campaign's letter (the seed) orders work stopped and everyone
 * withdrawn at once, so the alarm carries that order in its text rather than leaving it to whoever
 * reads it.
 */
import type { Level } from './levels.ts';
import type { SensorKind } from './sensor-kinds.ts';

export interface Instruction {
  zh: string;
  en: string;
  source: string;
}

export const WITHDRAW_EVERYONE: Instruction = {
  zh: '立即停止作业，撤出全部人员',
  en: 'Stop work at once and withdraw everyone to safety',
  source: '专项整治任务（采空区地压监测红色预警）',
};

/** Instructions by kind and level; extend here, not in callers. */
export const INSTRUCTIONS: Readonly<Partial<Record<SensorKind, Partial<Record<Level, Instruction>>>>> = {
  ground_pressure: { red: WITHDRAW_EVERYONE },
};

/** The instruction an alarm of this kind and level must carry, or null. */
export function instructionFor(kind: SensorKind, level: Level | null): Instruction | null {
  if (!level) return null;
  return INSTRUCTIONS[kind]?.[level] ?? null;
}
