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

/**
 * What an enterprise does at once when its analysis finds real danger (险情), shown with the alarm.
 * A platform list to be checked against 矿安〔2025〕100号 and the pond's own emergency plan.
 */
export const DANGER_STEPS: readonly Instruction[] = [
  { zh: '立即启动应急预案，主要负责人到场指挥', en: "Start the emergency plan at once; the principal takes command on site", source: '平台默认（矿安〔2025〕100号 预警响应，待核实）' },
  { zh: '停止作业，撤出库区及下游受威胁区域人员', en: 'Stop work and withdraw people from the pond area and the threatened zone downstream', source: '平台默认（GB 39496-2020 应急管理，待核实）' },
  { zh: '立即向属地人民政府和应急管理部门报告', en: 'Report at once to the local government and the emergency management department', source: '平台默认（矿安〔2025〕100号，待核实）' },
  { zh: '设置警戒，加密监测与巡查，专人盯守', en: 'Cordon off, monitor and patrol more often, with someone watching at all times', source: '平台默认（待核实）' },
];

/** The emergency steps of an alarm whose analysis found real danger: the kind's own order first. */
export function emergencyStepsFor(kind: SensorKind | null, level: Level | null): Instruction[] {
  const own = kind ? instructionFor(kind, level) : null;
  return own ? [own, ...DANGER_STEPS.filter((s) => s.zh !== own.zh)] : [...DANGER_STEPS];
}
