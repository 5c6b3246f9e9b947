import { loadCatalog } from '../../compiler/catalog/catalog.js';
import { checkResources, type CatalogSource, type CheckedResource } from '../../compiler/check/index.js';
import { DEPENDED_ON_KINDS, dependenciesOf } from '../../compiler/check/dependencies.js';

import { isError, keyId, type Diagnostic, type ResourceKey } from '../../api/diagnostic.js';
import { API_VERSION } from '../../api/kinds.js';
import type { ResourceDocument } from '../store/resource-document.js';
import type { ResourceWrite, ResourceWriter } from '../store/resource-writer.js';
import { ApiError, type Dependent } from './api-error.js';

/** What one request changes (one transaction), checked as a whole before anything is written. */
export interface ProposedChange {
  writes: readonly ResourceWrite[];
  deletes: readonly ResourceKey[];
  /** Delete even what other resources still use (`?force=true`, `pai delete --force`). */
  force?: boolean;
  /** In a batch: the index of the operation that writes or deletes a resource (for `operation` in errors). */
  operationOf?: (key: ResourceKey) => number | undefined;
}

/** The catalogues of `pai validate` (shipped snapshot, or the newer `pai catalog refresh` cache). */
const serverCatalogs: CatalogSource = (provider) => loadCatalog(provider);

/**
 * Admission: the compiler's cross-resource checks (src/compiler/check, the code of `pai validate` and
 * `pai plan`) run on every write against the live state plus the incoming objects, inside the
 * write's transaction. Errors refuse the whole change (422, the compiler's codes); warnings are
 * returned for the response. Deleting what others still use is refused (409 InUse) unless forced
 * or the dependents go in the same change.
 *
 * Cost: one indexed read of the resources the incoming objects name (not the whole store, so an
 * apply of 10,000 objects stays linear), plus one filtered read per delete of a kind that others
 * can name. Only when a check fails is the namespace read in full, for the same did-you-mean
 * hints as the compiler.
 */
export async function admit(w: ResourceWriter, change: ProposedChange, catalogs: CatalogSource = serverCatalogs): Promise<Diagnostic[]> {
  const declared = change.writes.map(declaredResource);
  const gone = new Set(change.deletes.map(keyId));
  const incoming = new Set(declared.map((r) => keyId(r.key)));
  let warnings: Diagnostic[] = [];
  if (declared.length > 0) {
    const named = new Map<string, ResourceKey>();
    for (const r of declared) {
      for (const d of dependenciesOf(r)) {
        const key = { kind: d.kind, namespace: r.key.namespace, name: d.name };
        const id = keyId(key);
        if (!incoming.has(id) && !gone.has(id)) named.set(id, key);
      }
    }
    const live = (docs: ResourceDocument[]) => docs.map(liveResource).filter((r) => !gone.has(keyId(r.key)) && !incoming.has(keyId(r.key)));
    let diagnostics = check(declared, live(await w.readMany([...named.values()])), catalogs);
    if (diagnostics.some(isError)) {
      // Rare: read the namespaces whole so that "did you mean" suggests what the compiler would.
      const namespaces = [...new Set(declared.map((r) => r.key.namespace))];
      diagnostics = check(declared, live(await w.readAll([...DEPENDED_ON_KINDS], namespaces)), catalogs);
    }
    refuseErrors(diagnostics, change);
    warnings = diagnostics;
  }
  if (!change.force) await refuseDeletingWhatIsUsed(w, change, gone, new Map(declared.map((r) => [keyId(r.key), r])));
  return warnings;
}

function check(declared: CheckedResource[], live: CheckedResource[], catalogs: CatalogSource): Diagnostic[] {
  return checkResources(declared, { live, catalogs }).map((f) => ({ ...f.diagnostic, pointer: f.pointer, resource: f.resource.key }));
}

/** The incoming object as the compiler sees a declared one (a Secret with its key names, never its values). */
function declaredResource(w: ResourceWrite): CheckedResource {
  const spec = w.secretValues ? { ...w.spec, stringData: Object.fromEntries([...w.secretValues.keys()].map((k) => [k, ''])) } : w.spec;
  return { key: w.key, manifest: { apiVersion: API_VERSION, kind: w.key.kind, metadata: { ...w.metadata, name: w.key.name, namespace: w.key.namespace }, spec } };
}

function liveResource(doc: ResourceDocument): CheckedResource {
  return { key: { kind: doc.kind, namespace: doc.metadata.namespace, name: doc.metadata.name }, manifest: doc as unknown as Record<string, unknown> };
}

function refuseErrors(diagnostics: Diagnostic[], change: ProposedChange): void {
  const errors = diagnostics.filter(isError);
  if (errors.length === 0) return;
  const first = errors[0]!;
  const at = first.resource ? `${first.resource.kind} "${first.resource.namespace}/${first.resource.name}"` : 'the request';
  const err = new ApiError(
    'Invalid',
    `${at} is refused: ${errors.length === 1 ? first.message : `${errors.length} problems`}`,
    'fix the fields listed in diagnostics (`pai validate` and `pai plan` show the same problems)',
    diagnostics,
  );
  if (first.resource) err.operation = change.operationOf?.(first.resource);
  throw err;
}

/**
 * A delete is refused while another resource that stays names the deleted one (an Agent its
 * ModelProvider, a ModelProvider its Secret …): the gateway would fail on it at run time. The
 * stored JSON is filtered by the quoted name first, then each candidate's references are read
 * exactly — as the incoming version when the same change rewrites it.
 */
async function refuseDeletingWhatIsUsed(w: ResourceWriter, change: ProposedChange, gone: Set<string>, incoming: Map<string, CheckedResource>): Promise<void> {
  for (const key of change.deletes) {
    if (!DEPENDED_ON_KINDS.has(key.kind)) continue;
    const dependents: Dependent[] = [];
    const candidates = new Map<string, CheckedResource>();
    for (const doc of await w.readMentioning(key.namespace, JSON.stringify(key.name).slice(0, -1))) {
      const r = liveResource(doc);
      candidates.set(keyId(r.key), incoming.get(keyId(r.key)) ?? r);
    }
    for (const r of incoming.values()) if (r.key.namespace === key.namespace) candidates.set(keyId(r.key), r);
    for (const [id, r] of candidates) {
      if (gone.has(id)) continue;
      for (const d of dependenciesOf(r)) if (d.kind === key.kind && d.name === key.name) dependents.push({ ...r.key, pointer: d.pointer });
    }
    if (dependents.length > 0) {
      const err = inUse(key, dependents);
      err.operation = change.operationOf?.(key);
      throw err;
    }
  }
}

function inUse(key: ResourceKey, dependents: Dependent[]): ApiError {
  const names = [...new Set(dependents.map((d) => `${d.kind} "${d.name}"`))];
  const shown = names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
  const err = new ApiError(
    'InUse',
    `${key.kind} "${key.namespace}/${key.name}" is used by ${shown}`,
    'change or delete those first, delete them together (pai apply --prune does), or delete it anyway with --force (?force=true)',
  );
  err.dependents = dependents;
  return err;
}
