import type { FieldChange } from './types.js';

type Obj = Record<string, unknown>;

/** Marks "no record of what pai last applied" (resources applied by hand or by older pai). */
export const NO_RECORD = Symbol('no last-applied record');

/**
 * Field-level differences between two normalized objects. Mappings are walked key by key; lists
 * of scalars report added and removed items (allowedModels edits read as "+ x, - y"); other
 * lists and scalars are compared whole at their path. `lastApplied` (what pai applied last time)
 * tells drift apart: a field where git still says what pai applied, but live says otherwise, was
 * changed outside git.
 */
export function diffObjects(before: unknown, after: unknown, lastApplied: unknown = NO_RECORD, path = ''): FieldChange[] {
  if (equal(before, after)) return [];
  if (isObj(before) && isObj(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    const sub = (k: string) => (lastApplied === NO_RECORD ? NO_RECORD : isObj(lastApplied) ? lastApplied[k] : undefined);
    return keys.flatMap((k) => diffObjects(before[k], after[k], sub(k), path ? `${path}.${k}` : k));
  }
  const change: FieldChange = { path };
  if (lastApplied !== NO_RECORD && equal(lastApplied, after)) change.drift = true;
  if (before !== undefined) change.before = before;
  if (after !== undefined) change.after = after;
  if (isScalarList(before ?? []) && isScalarList(after ?? []) && (Array.isArray(before) || Array.isArray(after))) {
    const b = (before ?? []) as unknown[];
    const a = (after ?? []) as unknown[];
    const added = a.filter((x) => !b.some((y) => equal(x, y)));
    const removed = b.filter((x) => !a.some((y) => equal(x, y)));
    if (added.length > 0) change.added = added;
    if (removed.length > 0) change.removed = removed;
  }
  return [change];
}

/** Deep equality of JSON values; key order does not matter, list order does. */
export function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!equal(a[i], bb[i])) return false;
    return true;
  }
  const ao = a as Obj;
  const bo = b as Obj;
  let count = 0;
  for (const k in ao) {
    if (ao[k] === undefined) continue;
    count++;
    if (!equal(ao[k], bo[k])) return false;
  }
  for (const k in bo) if (bo[k] !== undefined) count--;
  return count === 0;
}

function isObj(v: unknown): v is Obj {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function isScalarList(v: unknown): boolean {
  return Array.isArray(v) && v.every((x) => x === null || typeof x !== 'object');
}
