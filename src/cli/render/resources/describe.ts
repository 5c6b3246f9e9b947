import type { Resource } from '../../../api/wire.js';
import { ageSince } from './age.js';
import { field } from './columns.js';
import { renderTable } from './table.js';

const NONE = '<none>';

/**
 * The `pai describe` view of one resource, laid out like `kubectl describe`: aligned
 * `Label:  value` lines for the metadata, then the spec and status as an indented tree with the
 * field names users write in manifests. A Secret shows its key names and fingerprints — never
 * values, and never `data`/`stringData` even if a server returned them.
 */
export function renderDescribe(resource: Resource, now: Date, usedBy?: readonly UsedBy[]): string {
  const meta = resource.metadata;
  const created = meta.creationTimestamp ? `${meta.creationTimestamp} (${ageSince(meta.creationTimestamp, now) ?? '?'} ago)` : undefined;
  const annotations = Object.entries(meta.annotations ?? {}).map(([k, v]) => `${k}=${v}`);
  const header: Array<[string, string]> = [
    ['Name', meta.name],
    ['Namespace', meta.namespace],
    ['Kind', resource.kind],
    ['API Version', resource.apiVersion],
    ['UID', meta.uid ?? NONE],
    ['Resource Version', meta.resourceVersion ?? NONE],
    ['Generation', meta.generation === undefined ? NONE : String(meta.generation)],
    ['Created', created ?? NONE],
    ['Annotations', annotations.length ? annotations.join('\n') : NONE],
  ];
  const width = Math.max(...header.map(([label]) => label.length)) + 3; // "Label:" + two spaces
  const lines: string[] = [];
  for (const [label, value] of header) {
    const [first, ...rest] = value.split('\n');
    lines.push(`${`${label}:`.padEnd(width)}${first}`);
    for (const more of rest) lines.push(`${' '.repeat(width)}${more}`);
  }

  const isSecret = resource.kind === 'Secret';
  const spec = isSecret ? withoutKeys(resource.spec, ['data', 'stringData']) : resource.spec;
  const status = isSecret ? withoutKeys(resource.status, ['keys', 'salt']) : resource.status;
  if (isSecret) lines.push(...secretKeysSection(resource));
  lines.push(...section('Spec', spec));
  lines.push(...section('Status', status));
  if (usedBy) lines.push(...usedBySection(usedBy));
  return lines.join('\n') + '\n';
}

/** A resource that names the described one, and where (JSON pointer). */
export interface UsedBy {
  kind: string;
  name: string;
  pointer: string;
}

/** "Used by:" — what a delete would break (`pai delete` refuses while this is not empty). */
function usedBySection(usedBy: readonly UsedBy[]): string[] {
  if (usedBy.length === 0) return [`Used by:  ${NONE}`];
  return ['Used by:', ...usedBy.map((u) => `  ${u.kind.toLowerCase()}/${u.name}  (${u.pointer})`)];
}

function secretKeysSection(resource: Resource): string[] {
  const keys = field(resource.status, 'keys');
  const rows = Array.isArray(keys) ? keys.map((k) => [String(field(k, 'name') ?? '?'), String(field(k, 'fingerprint') ?? '?')]) : [];
  if (rows.length === 0) return ['Keys:  <none>'];
  const table = renderTable(['KEY', 'FINGERPRINT'], rows).trimEnd().split('\n');
  return ['Keys:', ...table.map((line) => `  ${line}`)];
}

function section(title: string, value: Record<string, unknown> | undefined): string[] {
  if (!value || Object.keys(value).length === 0) return [`${title}:  ${NONE}`];
  return [`${title}:`, ...tree(value, '  ')];
}

/** An indented tree of a JSON value; scalar siblings have their values aligned. */
export function tree(value: unknown, indent: string): string[] {
  if (Array.isArray(value)) {
    return value.flatMap((item) => {
      if (!isNested(item)) return scalarLines(`${indent}- `, item, indent + '  ');
      const inner = tree(item, indent + '  ');
      return inner.length ? [`${indent}- ${inner[0]!.slice(indent.length + 2)}`, ...inner.slice(1)] : [`${indent}- ${NONE}`];
    });
  }
  if (!value || typeof value !== 'object') return scalarLines(indent, value, indent);
  const entries = Object.entries(value as Record<string, unknown>);
  const width = Math.max(0, ...entries.filter(([, v]) => !isNested(v)).map(([k]) => k.length + 1)) + 2;
  return entries.flatMap(([key, v]) => {
    if (!isNested(v)) return scalarLines(`${indent}${`${key}:`.padEnd(width)}`, v, indent + '  ');
    return [`${indent}${key}:`, ...tree(v, indent + '  ')];
  });
}

function isNested(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return !!value && typeof value === 'object' && Object.keys(value).length > 0;
}

function scalarLines(prefix: string, value: unknown, continuation: string): string[] {
  const textValue = formatScalar(value);
  if (!textValue.includes('\n')) return [`${prefix}${textValue}`.trimEnd()];
  const body = textValue.replace(/\n$/, '').split('\n');
  return [`${prefix}|`.trimEnd(), ...body.map((line) => `${continuation}${line}`.trimEnd())];
}

function formatScalar(value: unknown): string {
  if (value === null || value === undefined) return NONE;
  if (Array.isArray(value) || typeof value === 'object') return NONE; // empty list or map
  return String(value);
}

function withoutKeys(value: Record<string, unknown> | undefined, keys: string[]): Record<string, unknown> | undefined {
  if (!value) return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => !keys.includes(k)));
}
