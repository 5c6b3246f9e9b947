import type { CheckedResource } from './types.js';

/**
 * Looks up resources by kind, namespace and name: the declared ones, and during plan the live
 * ones too (a declared resource shadows its live version, since it is what will be applied).
 */
export class ResourceIndex {
  /** kind → namespace → name → resource: no key string is built per lookup (thousands per run). */
  private readonly byKind = new Map<string, Map<string, Map<string, CheckedResource>>>();
  private readonly live: ReadonlySet<CheckedResource>;
  private readonly unchecked: ReadonlySet<CheckedResource>;

  /** `unchecked`: declared resources with schema errors — they exist, but their contents are not trusted. */
  constructor(declared: readonly CheckedResource[], live: readonly CheckedResource[] = [], unchecked: readonly CheckedResource[] = []) {
    this.live = new Set(live);
    this.unchecked = new Set(unchecked);
    for (const r of live) this.add(r);
    for (const r of unchecked) this.add(r);
    for (const r of declared) this.add(r);
  }

  /** Adds (or shadows) a resource under its key. */
  add(r: CheckedResource): void {
    let kind = this.byKind.get(r.key.kind);
    if (!kind) this.byKind.set(r.key.kind, (kind = new Map()));
    let namespace = kind.get(r.key.namespace);
    if (!namespace) kind.set(r.key.namespace, (namespace = new Map()));
    namespace.set(r.key.name, r);
  }

  get(kind: string, namespace: string, name: string): CheckedResource | undefined {
    return this.byKind.get(kind)?.get(namespace)?.get(name);
  }

  /** Whether `r` (as returned by get) is the live object, not a declared one. */
  isLive(r: CheckedResource): boolean {
    return this.live.has(r);
  }

  /** Whether `r` failed its schema: rules say nothing that depends on its contents. */
  isUnchecked(r: CheckedResource): boolean {
    return this.unchecked.has(r);
  }

  /** Names of a kind in a namespace, for did-you-mean suggestions. */
  names(kind: string, namespace: string): string[] {
    return [...(this.byKind.get(kind)?.get(namespace)?.keys() ?? [])];
  }
}
