import { z } from 'zod';
import { SENSOR_KINDS } from '../../domain/monitoring/index.ts';

const num = z.number().refine(Number.isFinite, 'must be a finite number');
const levelValue = num.nullable().optional();

export const thresholdsInput = z.strictObject({
  direction: z.enum(['above', 'below']).optional(),
  blue: levelValue,
  yellow: levelValue,
  orange: levelValue,
  red: levelValue,
  hysteresis: z.number().min(0).optional(),
  minDurationSec: z.number().min(0).optional(),
  minCount: z.number().int().min(1).optional(),
  sumOverSec: z.number().int().min(60).nullable().optional(),
});

export const rateRuleInput = z.strictObject({
  direction: z.enum(['above', 'below']).default('above'),
  blue: num.optional(),
  yellow: num.optional(),
  orange: num.optional(),
  red: num.optional(),
  hysteresis: z.number().min(0).optional(),
  minDurationSec: z.number().min(0).optional(),
  minCount: z.number().int().min(1).optional(),
  windowSec: z.number().int().min(60),
  perSec: z.number().int().min(1).default(86_400),
  absolute: z.boolean().optional(),
  minPoints: z.number().int().min(2).optional(),
});

export const derivedInput = z.strictObject({
  type: z.enum(['freeboard', 'phreatic_depth']),
  from: z.string().min(1).max(64),
  /** Crest/beach-top elevation or surface elevation; the site's crest elevation by default for freeboard. */
  reference: num.optional(),
});

export const positionInput = z.strictObject({
  section: z.string().max(100).nullable().optional(),
  elevation: num.nullable().optional(),
  x: num.nullable().optional(),
  y: num.nullable().optional(),
});

export const sensorInput = z.strictObject({
  code: z.string().trim().min(1).max(64).regex(/^[\w.-]+$/, 'letters, digits, _ . - only'),
  name: z.string().trim().max(100).optional(),
  kind: z.enum(SENSOR_KINDS),
  unit: z.string().max(20).optional(),
  expectedIntervalSec: z.number().int().min(1).max(7 * 86_400).optional(),
  position: positionInput.optional(),
  thresholds: thresholdsInput.optional(),
  rateRule: rateRuleInput.nullable().optional(),
  derived: derivedInput.nullable().optional(),
  /** Design values the templates need (phreatic minimum depth, landslide red), m or mm. */
  design: z.strictObject({ phreaticMinDepth: num.optional(), landslideRed: num.optional(), seismic: z.boolean().optional() }).optional(),
});
export type SensorInput = z.infer<typeof sensorInput>;

export const sensorPatch = z.strictObject({
  version: z.number().int().min(1),
  name: z.string().trim().max(100).nullable().optional(),
  unit: z.string().max(20).optional(),
  expectedIntervalSec: z.number().int().min(1).max(7 * 86_400).optional(),
  position: positionInput.optional(),
  thresholds: thresholdsInput.optional(),
  rateRule: rateRuleInput.nullable().optional(),
  derived: derivedInput.nullable().optional(),
  disabled: z.boolean().optional(),
});
export type SensorPatch = z.infer<typeof sensorPatch>;
