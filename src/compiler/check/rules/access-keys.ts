import type { ResourceIndex } from '../resource-index.js';
import type { Finding } from '../../diagnostics/finding.js';
import type { CheckedResource } from '../types.js';
import { asArray, at } from '../types.js';

/**
 * An AccessKey is for the external gateway: every ModelProvider and Provider it binds must have
 * `externalAccess.enabled`, or each request with the key is refused at run time. (Unresolved
 * names are reported by the reference rules.)
 */
export function checkAccessKeys<R extends CheckedResource>(resources: readonly R[], index: ResourceIndex): Finding<{ resource: R }>[] {
  const out: Finding<{ resource: R }>[] = [];
  for (const r of resources) {
    if (r.key.kind !== 'AccessKey') continue;
    for (const [field, kind] of [['modelProviders', 'ModelProvider'], ['providers', 'Provider']] as const) {
      asArray(at(r.manifest, 'spec', field)).forEach((name, i) => {
        if (typeof name !== 'string') return;
        const bound = index.get(kind, r.key.namespace, name);
        if (!bound || at(bound.manifest, 'spec', 'externalAccess', 'enabled') === true) return;
        out.push({
          resource: r,
          pointer: `/spec/${field}/${i}`,
          target: 'value',
          diagnostic: {
            code: 'external-access-disabled',
            severity: 'error',
            message: `${kind} "${name}" does not have externalAccess.enabled, so the gateway refuses every request made with this key`,
            hint: `set spec.externalAccess.enabled: true on ${kind} "${name}", or bind the key to one that has it`,
          },
        });
      });
    }
  }
  return out;
}
