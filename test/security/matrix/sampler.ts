import { z } from 'zod';

/**
 * A small JSON Schema sampler: the least value each schema accepts (required properties only, the
 * first choice of a union or enum, the minimum of a number), with named fields taken from `fields` so
 * that the request lands on the records the matrix aims at. Least, so that a cell changes as little
 * as it can; valid, so that Fastify's validation passes and the service's access check decides.
 */
export type JsonSchema = Record<string, any>;

/** A route's schema part (zod, as the routes declare them, or plain JSON Schema) as JSON Schema. */
export function toJsonSchema(part: unknown): JsonSchema | null {
  if (!part || typeof part !== 'object') return null;
  if ('_zod' in part) return z.toJSONSchema(part as z.ZodType, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return part as JsonSchema;
}

/** Fields that place a record: the most specific present is set even when optional (one only: some bodies want exactly one). */
export const PLACING = ['site', 'enterprise', 'region'];

/** Patterns seen in route schemas, with a value each accepts. */
const PATTERNS: [RegExp, string][] = [
  [/\\d\{6\}/, '140105'],
  [/\\d\{4\}-\\d\{2\}-\\d\{2\}|\(\?:\(\?:\\d\\d\[2468\]/, '2030-06-30'],
  [/\\d\{4\}-\\d\{2\}$/, '2030-06'],
  [/\\d\{17\}/, '14010519800101001X'],
];

export function sample(schema: JsonSchema, fields: Record<string, unknown> = {}, root: JsonSchema = schema, depth = 0): unknown {
  if (depth > 12) return null;
  if (schema.$ref) return sample(resolve(root, schema.$ref), fields, root, depth + 1);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const choices: JsonSchema[] | undefined = schema.anyOf ?? schema.oneOf;
  if (choices) {
    const pick = choices.find((c) => c.type !== 'null' && c.type !== 'object') ?? choices.find((c) => c.type !== 'null') ?? choices[0]!;
    return sample(pick, fields, root, depth + 1);
  }
  if (schema.allOf) {
    const parts = schema.allOf.map((s: JsonSchema) => sample(s, fields, root, depth + 1));
    return parts.every((p: unknown) => p && typeof p === 'object' && !Array.isArray(p)) ? Object.assign({}, ...parts) : parts[0];
  }
  const type = Array.isArray(schema.type) ? (schema.type.find((x: string) => x !== 'null') ?? 'null') : schema.type;
  switch (type) {
    case 'object':
      return object(schema, fields, root, depth);
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => sample(schema.items ?? {}, fields, root, depth + 1));
    case 'string':
      return string(schema);
    case 'integer':
    case 'number':
      return number(schema, type === 'integer');
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      return schema.properties ? object(schema, fields, root, depth) : 'matrix';
  }
}

function object(schema: JsonSchema, fields: Record<string, unknown>, root: JsonSchema, depth: number) {
  const props: Record<string, JsonSchema> = schema.properties ?? {};
  const required = new Set<string>(schema.required ?? []);
  const placing = PLACING.some((f) => required.has(f)) ? null : PLACING.find((f) => f in props && fields[f] !== undefined);
  const out: Record<string, unknown> = {};
  for (const [name, prop] of Object.entries(props)) {
    const chosen = required.has(name) || name === placing || (!PLACING.includes(name) && fields[name] !== undefined && FORCED.has(name));
    if (!chosen) continue;
    out[name] = fields[name] !== undefined && accepts(prop, fields[name], root) ? fields[name] : DATE_NAME.test(name) && accepts(prop, '2030-06-30', root) ? '2030-06-30' : sample(prop, fields, root, depth + 1);
  }
  return out;
}

/** Fields that by their name hold a date (their schemas check it in code the JSON Schema does not show). */
const DATE_NAME = /(On|At|Date|Until|Since)$|^(date|deadline|due|from|to|on|at)$/;

/** Optional fields set whenever the caller gives them (the client id keeps a create from replaying an earlier one). */
const FORCED = new Set(['id']);

function accepts(schema: JsonSchema, value: unknown, root: JsonSchema): boolean {
  if (schema.$ref) return accepts(resolve(root, schema.$ref), value, root);
  const choices: JsonSchema[] | undefined = schema.anyOf ?? schema.oneOf;
  if (choices) return choices.some((c) => accepts(c, value, root));
  const type = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : null;
  if (!type) return true;
  const actual = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value === 'number' ? (Number.isInteger(value) ? 'integer' : 'number') : typeof value;
  if (schema.enum && !schema.enum.includes(value)) return false;
  return type.includes(actual) || (actual === 'integer' && type.includes('number'));
}

function string(schema: JsonSchema): string {
  if (schema.format === 'date') return '2030-06-30';
  if (schema.format === 'date-time') return '2030-06-30T08:00:00.000Z';
  if (schema.format === 'uuid') return '01900000-0000-7000-8000-000000000000';
  if (schema.format === 'email') return 'matrix@example.com';
  if (schema.pattern) {
    const known = PATTERNS.find(([re]) => re.test(schema.pattern));
    if (known) return known[1];
  }
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? 64;
  const base = 'matrix-' + 'x'.repeat(Math.max(0, min));
  return base.slice(0, Math.max(min, Math.min(max, base.length)));
}

function number(schema: JsonSchema, integer: boolean): number {
  if (typeof schema.default === 'number') return schema.default;
  let n = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + (integer ? 1 : 0.5) : 1);
  if (schema.maximum !== undefined && n > schema.maximum) n = schema.maximum;
  return integer ? Math.ceil(n) : n;
}

function resolve(root: JsonSchema, ref: string): JsonSchema {
  if (!ref.startsWith('#/')) return {};
  return ref
    .slice(2)
    .split('/')
    .reduce<JsonSchema>((node, key) => node?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], root);
}
