import { localFindings } from './local.js';
import { ResourceIndex } from './resource-index.js';
import { checkAccessKeys } from './rules/access-keys.js';
import { checkModels, type CatalogSource } from './rules/models.js';
import { checkReferences } from './rules/references.js';
import type { CheckedResource, CheckFinding } from './types.js';
import { keyString } from './types.js';

export { checkResourceLocally } from './local.js';
export type { CatalogSource } from './rules/models.js';
export type { CheckedResource, CheckFinding } from './types.js';

export interface CheckOptions<R extends CheckedResource = CheckedResource> {
  /** Live resources from the control plane (plan); undefined when validating offline. */
  live?: readonly CheckedResource[];
  catalogs: CatalogSource;
  /** False for a resource whose source text cannot hold an inline API key: its strings are not scanned. */
  mayHoldInlineKey?: (r: R) => boolean;
}

/**
 * Cross-field and cross-resource rules over the declared resources (already schema-valid ones:
 * the caller passes only resources without schema errors, so rules can trust shapes loosely).
 */
export function checkResources<R extends CheckedResource>(declared: readonly R[], options: CheckOptions<R>): CheckFinding<R>[] {
  const findings: CheckFinding<R>[] = [];
  const unique: R[] = [];
  const firstSeen = new Map<string, R>();
  for (const r of declared) {
    const id = keyString(r.key);
    const first = firstSeen.get(id);
    if (first) {
      findings.push({
        resource: r,
        pointer: '/metadata/name',
        target: 'value',
        diagnostic: { code: 'duplicate-resource', severity: 'error', message: `${r.key.kind} "${r.key.name}" is declared twice in namespace "${r.key.namespace}"`, hint: 'rename or remove one of the declarations' },
      });
      continue;
    }
    firstSeen.set(id, r);
    unique.push(r);
  }
  for (const r of unique) {
    const skipInlineKeys = options.mayHoldInlineKey ? !options.mayHoldInlineKey(r) : false;
    for (const f of localFindings(r.manifest, { skipInlineKeys })) findings.push({ resource: r, ...f });
  }
  const index = new ResourceIndex(unique, options.live);
  findings.push(...checkReferences(unique, index, options.live !== undefined));
  findings.push(...checkModels(unique, index, options.catalogs));
  findings.push(...checkAccessKeys(unique, index));
  return findings;
}
