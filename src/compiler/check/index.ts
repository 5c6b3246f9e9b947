import { localFindings } from './local.js';
import { ResourceIndex } from './resource-index.js';
import { checkAccessKeys } from './rules/access-keys.js';
import { checkModels, type CatalogSource } from './rules/models.js';
import { checkReferences } from './rules/references.js';
import type { Finding } from '../diagnostics/finding.js';
import type { CheckedResource } from './types.js';

export { checkResourceLocally } from './local.js';
export type { CatalogSource } from './rules/models.js';
export type { CheckedResource } from './types.js';

export interface CheckOptions<R extends CheckedResource = CheckedResource> {
  /** Live resources from the control plane (plan); undefined when validating offline. */
  live?: readonly CheckedResource[];
  catalogs: CatalogSource;
  /** False for a resource whose source text cannot hold an inline API key: its strings are not scanned. */
  mayHoldInlineKey?: (r: R) => boolean;
  /**
   * Declared resources that failed their schema: they exist (a reference to one resolves, a
   * duplicate of one is a duplicate) but are not checked themselves, and nothing is inferred from
   * their contents — their schema errors are the one report of the cause.
   */
  isUnchecked?: (r: R) => boolean;
  /** The resources were read from a configuration directory (the compiler), where Secret values must not be. */
  fromConfiguration?: boolean;
  /** Where a resource is declared (`agents.yaml:12`), for messages naming both places of a duplicate. */
  locationOf?: (r: R) => string | undefined;
}

/**
 * Cross-field and cross-resource rules over the declared resources (in file order). Rules trust
 * shapes loosely, so resources with schema errors must be marked by `options.isUnchecked`.
 * Stable entry point: the compiler calls it, and so does the server's admission of a write (with
 * `live`); options added later are optional.
 */
export function checkResources<R extends CheckedResource>(declared: readonly R[], options: CheckOptions<R>): Finding<{ resource: R }>[] {
  const findings: Finding<{ resource: R }>[] = [];
  const checked: R[] = [];
  const unchecked: R[] = [];
  // By kind, namespace and name: no key string is built per resource (10,000 in a repository).
  const firstSeen = new ResourceIndex([]);
  const firstReported = new Set<R>();
  for (const r of declared) {
    const first = r.key.name === '' ? undefined : (firstSeen.get(r.key.kind, r.key.namespace, r.key.name) as R | undefined);
    if (first) {
      // Later declarations are not checked further: which one is meant is for the user to say.
      if (!firstReported.has(first)) findings.push(duplicate(first, r, options.locationOf));
      firstReported.add(first);
      findings.push(duplicate(r, first, options.locationOf));
      continue;
    }
    if (r.key.name !== '') firstSeen.add(r);
    if (options.isUnchecked?.(r)) unchecked.push(r);
    else checked.push(r);
  }
  for (const r of checked) {
    const skipInlineKeys = options.mayHoldInlineKey ? !options.mayHoldInlineKey(r) : false;
    for (const f of localFindings(r.manifest, { skipInlineKeys, fromConfiguration: options.fromConfiguration === true })) findings.push({ resource: r, ...f });
  }
  const index = new ResourceIndex(checked, options.live, unchecked);
  findings.push(...checkReferences(checked, index, options.live !== undefined));
  findings.push(...checkModels(checked, index, options.catalogs));
  findings.push(...checkAccessKeys(checked, index));
  return findings;
}

/** A duplicate, reported at each declaration and naming the other one. */
function duplicate<R extends CheckedResource>(r: R, other: R, locationOf: ((r: R) => string | undefined) | undefined): Finding<{ resource: R }> {
  const where = locationOf?.(other);
  return {
    resource: r,
    pointer: '/metadata/name',
    target: 'value',
    diagnostic: {
      code: 'duplicate-resource',
      severity: 'error',
      message: `${r.key.kind} "${r.key.name}" is declared twice in namespace "${r.key.namespace}"${where ? `: here and at ${where}` : ''}`,
      hint: 'rename or remove one of the declarations',
    },
  };
}
