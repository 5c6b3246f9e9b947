import { kindInfo } from './kinds.js';
import { loadSchemas, resolveSchemaRef, type JsonSchema } from './schemas.js';

type Obj = Record<string, unknown>;

/**
 * Returns a deep copy of a manifest with the `default`s of its kind's JSON Schema filled in, so
 * that writing a default and omitting it compare equal (plan: "an omitted default is not a
 * change"). The schema is the only source: nothing here names a field.
 *
 * Rules, the same as ajv's `useDefaults` (but on a copy):
 * - A property that has a `default` and is absent from an object that IS present gets the default.
 * - An absent optional object is not created, unless the schema itself gives the object a
 *   `default` (`{}`): that is how a schema says "this block always applies", e.g.
 *   ModelProvider `spec.retry` (retries always happen: maxAttempts 3, 200 ms, 5000 ms),
 *   Provider `spec.audit`, GuardBinding `spec.thresholds` and the optional `spec` of Agent and
 *   Secret. `externalAccess`, `apiKeySecretRef`, `mcp` … stay absent when absent.
 * - Arrays: every item is filled in from `items`. `oneOf`/`anyOf`: the branch the value fits
 *   (its required fields present, no field the branch forbids); `allOf`: every branch.
 * - Values of the wrong type are left alone (validation reports them).
 * A document of an unknown kind is returned as an unchanged copy.
 */
export function applyDefaults<T>(manifest: T): T {
  const copy = structuredClone(manifest);
  if (!isObject(copy) || typeof copy.kind !== 'string' || !kindInfo(copy.kind)) return copy;
  const schema = loadSchemas()[copy.kind as keyof ReturnType<typeof loadSchemas>];
  if (!schema) return copy;
  fill(copy, { schema, baseId: String(schema.$id) });
  return copy;
}

interface Located {
  schema: JsonSchema;
  /** `$id` of the document the schema lives in: the base its `$ref`s resolve against. */
  baseId: string;
}

function fill(value: unknown, at: Located): void {
  const { schema, baseId } = resolve(at);
  for (const sub of subSchemas(schema.allOf)) fill(value, { schema: sub, baseId });
  for (const key of ['oneOf', 'anyOf'] as const) {
    const branch = subSchemas(schema[key]).find((sub) => fits(value, resolve({ schema: sub, baseId }).schema));
    if (branch) fill(value, { schema: branch, baseId });
  }
  if (Array.isArray(value)) {
    if (isObject(schema.items)) for (const item of value) fill(item, { schema: schema.items, baseId });
    return;
  }
  if (!isObject(value) || !isObject(schema.properties)) return;
  for (const [prop, sub] of Object.entries(schema.properties)) {
    if (!isObject(sub)) continue;
    const target = resolve({ schema: sub, baseId });
    if (value[prop] === undefined && 'default' in target.schema) value[prop] = structuredClone(target.schema.default);
    if (value[prop] !== undefined) fill(value[prop], target);
  }
}

/** Resolved `$ref`s by schema node and base: plan fills defaults into 20,000 objects, so each ref is resolved once. */
const resolvedRefs = new WeakMap<JsonSchema, Map<string, Located>>();

/** A `$ref` with its siblings merged over the target (siblings win: a local `default` overrides). */
function resolve(at: Located): Located {
  const ref = at.schema.$ref;
  if (typeof ref !== 'string') return at;
  let byBase = resolvedRefs.get(at.schema);
  if (!byBase) resolvedRefs.set(at.schema, (byBase = new Map()));
  let out = byBase.get(at.baseId);
  if (!out) {
    const target = resolveSchemaRef(ref, at.baseId);
    if (!target) return at;
    const { $ref: _ignored, ...siblings } = at.schema;
    out = resolve({ schema: { ...target.schema, ...siblings }, baseId: target.baseId });
    byBase.set(at.baseId, out);
  }
  return out;
}

/** Whether an object value could be an instance of an object branch (used to pick a oneOf branch). */
function fits(value: unknown, branch: JsonSchema): boolean {
  if (!isObject(value)) return false;
  const required = Array.isArray(branch.required) ? (branch.required as string[]) : [];
  if (!required.every((k) => value[k] !== undefined)) return false;
  if (branch.additionalProperties === false && isObject(branch.properties)) {
    const props = branch.properties;
    return Object.keys(value).every((k) => k in props);
  }
  return true;
}

function subSchemas(value: unknown): JsonSchema[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

function isObject(value: unknown): value is Obj {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
