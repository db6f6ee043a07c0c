/** The monitoring and early-warning domain: pure functions, no I/O. Import from here. */
export * from './levels.ts';
export * from './sensor-kinds.ts';
export * from './thresholds.ts';
export * from './templates.ts';
export * from './evaluator.ts';
export * from './quality.ts';
export * from './rate.ts';
export * from './items.ts';
export * from './required-items.ts';
export * from './aggregate.ts';
export * from './offline.ts';
export * from './alarm-loop.ts';
export * from './floor.ts';
export * from './alarm-category.ts';
export * from './instructions.ts';
export * from './new-alarm.ts';
