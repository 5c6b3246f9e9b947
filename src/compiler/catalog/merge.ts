import type { CatalogFile, CatalogModelEntry } from './catalog-file.js';
import type { ListedModel } from './provider-apis.js';

/** The merged catalogue and the ids that were not known before. */
export interface MergeOutcome {
  file: CatalogFile;
  added: string[];
}

/**
 * Merges a fresh list-models response into the current catalogue (snapshot or cache) instead of
 * replacing it, because the lists are incomplete in known ways:
 * - ids the API lists are accepted; lifecycle data we already had (shutdown, replacement) is kept,
 *   and a shutdown date the API announces is added;
 * - ids we know but the API omits are kept: Anthropic does not list the undated aliases
 *   (`claude-sonnet-4-5`) its Messages API accepts, and Gemini lists differ per key;
 * - retired ids stay retired even when listed: NVIDIA keeps listing end-of-life models that
 *   answer HTTP 410.
 */
export function mergeListing(current: CatalogFile, listed: readonly ListedModel[], meta: { fetchedAt: string; url: string }): MergeOutcome {
  const retired = new Set(current.retired.map((r) => r.id));
  const models = new Map<string, CatalogModelEntry>(current.models.map((m) => [m.id, m]));
  const added: string[] = [];
  for (const l of listed) {
    if (retired.has(l.id)) continue;
    const known = models.get(l.id);
    if (!known) added.push(l.id);
    models.set(l.id, mergeEntry(known ?? { id: l.id }, l));
  }
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return {
    added: [...new Set(added)].sort(),
    file: {
      formatVersion: 1,
      provider: current.provider,
      snapshotDate: current.snapshotDate,
      generatedAt: current.generatedAt,
      source: `GET ${meta.url} (pai catalog refresh) merged with the snapshot of ${current.snapshotDate}`,
      fetchedAt: meta.fetchedAt,
      models: [...models.values()].sort(byId),
      retired: [...current.retired].sort(byId),
    },
  };
}

/** Keeps known data; the API adds a context window and an announced shutdown. Key order is fixed. */
function mergeEntry(known: CatalogModelEntry, listed: ListedModel): CatalogModelEntry {
  const shutdownOn = listed.shutdownOn ?? known.shutdownOn;
  const deprecated = known.deprecated === true || listed.shutdownOn !== undefined;
  const contextWindow = listed.contextWindow ?? known.contextWindow;
  return {
    id: known.id,
    ...(deprecated ? { deprecated: true as const } : {}),
    ...(deprecated && shutdownOn ? { shutdownOn } : {}),
    ...(deprecated && known.replacement ? { replacement: known.replacement } : {}),
    ...(contextWindow !== undefined ? { contextWindow } : {}),
  };
}
