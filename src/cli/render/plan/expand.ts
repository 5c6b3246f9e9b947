import { diffObjects, NO_RECORD } from '../../../compiler/plan/diff.js';
import type { FieldChange } from '../../../compiler/plan/types.js';

/**
 * Splits a whole-list change into the fields that changed inside it, for display only. The plan
 * compares lists of objects whole (`spec.configFiles`), which would read `[… 3 items] → [… 3
 * items]`; when both sides have the same length, each item is diffed in place and shown as
 * `spec.configFiles[0].content: … → …`. Lists that grew or shrank stay one change (their items
 * cannot be paired reliably). Sensitive changes are never touched.
 */
export function expandForDisplay(change: FieldChange): FieldChange[] {
  const { before, after } = change;
  if (!change.sensitive && (before === undefined) !== (after === undefined)) return expandWhole(change);
  if (change.sensitive || !Array.isArray(before) || !Array.isArray(after) || before.length !== after.length) return [change];
  if (!before.some(isObject) && !after.some(isObject)) return [change];
  const parts = before.flatMap((item, i) => diffObjects(item, after[i], NO_RECORD, `${change.path}[${i}]`));
  if (parts.length === 0) return [change];
  return change.drift ? parts.map((p) => ({ ...p, drift: true })) : parts;
}

/**
 * A list of objects that is added or removed whole (an attribute of a create or a delete) shown
 * item by item, field by field: `spec.configFiles[0].path: "a.md"` rather than `[… 3 items]`.
 */
function expandWhole(change: FieldChange): FieldChange[] {
  const adding = change.before === undefined;
  const list = adding ? change.after : change.before;
  if (!Array.isArray(list) || !list.some(isObject)) return [change];
  return list.flatMap((item, i) => {
    const path = `${change.path}[${i}]`;
    if (!isObject(item) || Array.isArray(item)) return [adding ? { path, after: item } : { path, before: item }];
    return adding ? diffObjects({}, item, NO_RECORD, path) : diffObjects(item, {}, NO_RECORD, path);
  });
}

function isObject(value: unknown): boolean {
  return !!value && typeof value === 'object';
}
