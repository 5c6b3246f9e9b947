import { parseModelRef } from '../../api/model-ref.js';
import { namedRefs, secretRefs } from './rules/references.js';
import type { CheckedResource } from './types.js';
import { asArray, at } from './types.js';

/** One resource naming another of the same namespace: what it names, and where. */
export interface Dependency {
  kind: string;
  name: string;
  pointer: string;
}

/**
 * Every resource that `r` needs, by kind and name (same namespace): GuardBindings, Providers,
 * Agents and ModelProviders it binds, Secrets it reads, and the ModelProviders of its model
 * references. The rules check these; the control plane uses them to refuse deleting what
 * others still use, and `pai describe` to show "Used by:".
 */
export function dependenciesOf(r: CheckedResource): Dependency[] {
  const out: Dependency[] = namedRefs(r).map((d) => ({ kind: d.kind, name: d.name, pointer: d.pointer }));
  for (const s of secretRefs(r)) out.push({ kind: 'Secret', name: s.name, pointer: s.pointer });
  const spec = at(r.manifest, 'spec');
  const models = r.key.kind === 'Agent' ? 'models' : r.key.kind === 'ModelProvider' ? 'fallbacks' : undefined;
  if (models) {
    asArray(at(spec, models)).forEach((m, i) => {
      const ref = typeof m === 'string' ? parseModelRef(m) : undefined;
      if (ref) out.push({ kind: 'ModelProvider', name: ref.provider, pointer: `/spec/${models}/${i}` });
    });
  }
  return out;
}

/** Kinds that some other kind may depend on (nothing names an AccessKey). */
export const DEPENDED_ON_KINDS: ReadonlySet<string> = new Set(['Secret', 'GuardBinding', 'ModelProvider', 'Provider', 'Agent']);

/** Whether `r` depends on the resource `kind/name` of its own namespace. */
export function dependsOn(r: CheckedResource, kind: string, name: string): boolean {
  return dependenciesOf(r).some((d) => d.kind === kind && d.name === name);
}
