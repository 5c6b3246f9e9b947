import type { ResourceKey } from '../../../api/diagnostic.js';
import type { FieldChange, PlanSummary, ResourceChange, SourceLocation } from '../../../compiler/plan/types.js';
import { expandForDisplay } from './expand.js';
import { formatChange, formatItems, formatValue, plural } from './values.js';

/**
 * The wording shared by the text and markdown plans, as data: each renderer decides layout and
 * colour, but "what a change says" is decided once, here, so the two never disagree.
 */

/** The symbol of a resource or field change, as Terraform prints them. */
export type ChangeSymbol = '+' | '~' | '-';

/** One field change as the plan shows it: `~ spec.maxTokensPerDay: 5000000 → 6000000`. */
export interface FieldLine {
  symbol: ChangeSymbol;
  path: string;
  /** What follows `path: `; absent for a removed Secret value. */
  value?: string;
  /** For lists of scalars: the items added and removed, formatted (the value is then absent). */
  list?: { added: string[]; removed: string[]; more: number };
  drift: boolean;
}

export const DRIFT_NOTE = 'changed outside git — will be reverted';
export const SENSITIVE_CHANGED = '(sensitive value changed)';
export const SENSITIVE_VALUE = '(sensitive value)';
export const NO_CHANGES = 'No changes. The live control plane matches the configuration.';

/**
 * Describes one FieldChange. A sensitive change never looks at `before`/`after` beyond whether
 * they are there: a Secret value must not reach any output, even if a caller filled them by
 * mistake.
 */
export function describeFieldChange(c: FieldChange): FieldLine {
  const drift = c.drift === true;
  const adding = c.before === undefined && c.after !== undefined;
  const removing = c.after === undefined && c.before !== undefined;
  if (c.sensitive) {
    if (adding) return { symbol: '+', path: c.path, value: SENSITIVE_VALUE, drift };
    if (removing) return { symbol: '-', path: c.path, drift };
    return { symbol: '~', path: c.path, value: SENSITIVE_CHANGED, drift };
  }
  if ((c.added?.length ?? 0) + (c.removed?.length ?? 0) > 0) {
    const added = formatItems(c.added ?? []);
    const removed = formatItems(c.removed ?? []);
    return { symbol: adding ? '+' : removing ? '-' : '~', path: c.path, list: { added: added.shown, removed: removed.shown, more: added.more + removed.more }, drift };
  }
  if (adding) return { symbol: '+', path: c.path, value: formatValue(c.after), drift };
  // As Terraform: a removed field shows what it was.
  if (removing) return { symbol: '-', path: c.path, value: `${formatValue(c.before)} → null`, drift };
  return { symbol: '~', path: c.path, value: formatChange(c.before, c.after), drift };
}

/** Every field line of a resource change, with whole-list changes split into their items' fields. */
export function describeFieldChanges(changes: readonly FieldChange[]): FieldLine[] {
  return changes.flatMap(expandForDisplay).map(describeFieldChange);
}

/** The symbol of a resource action; no-ops have none (they are only counted). */
export function actionSymbol(action: ResourceChange['action']): ChangeSymbol | undefined {
  return action === 'create' ? '+' : action === 'update' ? '~' : action === 'delete' ? '-' : undefined;
}

/** `ModelProvider default/nvidia`: how a resource is named everywhere in a plan. */
export function keyLabel(key: ResourceKey): string {
  return `${key.kind} ${key.namespace}/${key.name}`;
}

/** `config/providers.yaml:12`. */
export function sourceLabel(source: SourceLocation): string {
  return `${source.file}:${source.line}`;
}

/** `1 to create, 2 to update, 0 to delete`. */
export function countsSentence(summary: PlanSummary): string {
  return `${summary.create} to create, ${summary.update} to update, ${summary.delete} to delete`;
}

/** The closing line of the text plan. */
export function planSentence(summary: PlanSummary): string {
  if (summary.create + summary.update + summary.delete === 0) return NO_CHANGES;
  return `Plan: ${countsSentence(summary)} (${summary.noop} unchanged).`;
}

/** Unmanaged resources named one by one before "… and N more". */
export const MAX_UNMANAGED_LISTED = 10;

export const PRUNABLE_HEADING = 'Not declared, owned by this source (would be deleted with --prune):';

/** "3 live resources not managed by this source are left alone." */
export function unmanagedSentence(count: number): string {
  return count === 1
    ? '1 live resource not managed by this source is left alone.'
    : `${count} live resources not managed by this source are left alone.`;
}

/** Resources shown one by one, by action: every create, update and delete (a takeover is an update). */
export function changesByAction(changes: readonly ResourceChange[]): Record<'create' | 'update' | 'delete', ResourceChange[]> {
  const byAction = { create: [] as ResourceChange[], update: [] as ResourceChange[], delete: [] as ResourceChange[] };
  for (const c of changes) if (c.action !== 'no-op') byAction[c.action].push(c);
  return byAction;
}

/** "2 changes" for an update, "5 attributes" for a create or delete: the markdown summary line. */
export function changeCount(c: ResourceChange): string {
  return plural(c.changes.length, c.action === 'update' ? 'change' : 'attribute');
}
