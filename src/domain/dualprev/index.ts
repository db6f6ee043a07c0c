/** Dual prevention (双重预防): graded risk control and the hidden-hazard closed loop. */
export * from './catalogue.ts';
export * from './risk-levels.ts';
export * from './hazard-loop.ts';
export * from './overdue.ts';
export * from './criteria-88.ts';
export * from './templates.ts';
export * from './instants.ts';
export * from './supervision.ts';
export * from './checks.ts';
export * from './candidates.ts';
export * from './risk-map.ts';
