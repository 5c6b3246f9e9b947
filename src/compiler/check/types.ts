import type { ResourceKey } from '../../api/diagnostic.js';
import type { Finding } from '../diagnostics/finding.js';

/** A manifest being checked: the declared (from files) or live (from the control plane) object. */
export interface CheckedResource {
  key: ResourceKey;
  manifest: Record<string, unknown>;
}

/** A rule that looks at one resource alone (shared by the compiler and the server's write path). */
export type LocalRule = (manifest: Record<string, unknown>) => Finding[];

/**
 * Reads `obj[a][b]…` of untyped YAML data without throwing. Fixed parameters rather than a rest
 * array: the rules call this a few dozen times per resource, for 10,000 resources.
 */
export function at(obj: unknown, a: string | number, b?: string | number, c?: string | number, d?: string | number): unknown {
  let cur = step(obj, a);
  if (b !== undefined) cur = step(cur, b);
  if (c !== undefined) cur = step(cur, c);
  if (d !== undefined) cur = step(cur, d);
  return cur;
}

function step(cur: unknown, segment: string | number): unknown {
  return cur !== null && typeof cur === 'object' ? (cur as Record<string | number, unknown>)[segment] : undefined;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

