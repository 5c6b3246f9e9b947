import { catalogAgeDays, CATALOG_PROVIDERS, loadCatalog, type CatalogProvider, type ModelStatus } from './catalog.js';

/** One row of `pai catalog`: a model id and its lifecycle, flattened for tables and JSON. */
export interface CatalogListingModel {
  id: string;
  state: Exclude<ModelStatus['state'], 'unknown'>;
  shutdownOn?: string;
  retiredOn?: string;
  replacement?: string;
  contextWindow?: number;
}

/** One provider's section of `pai catalog`, with where the data came from and how old it is. */
export interface CatalogListingSection {
  provider: CatalogProvider;
  source: 'snapshot' | 'cache';
  snapshotDate: string;
  fetchedAt?: string;
  ageDays: number;
  path: string;
  /** Counts over the whole catalogue, before filtering. */
  counts: { active: number; deprecated: number; retired: number };
  models: CatalogListingModel[];
}

/** The `--json` output of `pai catalog` (formatVersion pins its shape). */
export interface CatalogListing {
  formatVersion: 1;
  catalogs: CatalogListingSection[];
}

export interface CatalogListingOptions {
  providers?: readonly CatalogProvider[];
  /** Only deprecated models. */
  deprecated?: boolean;
  /** Include retired models. */
  retired?: boolean;
  /** Case-insensitive substring of the id. */
  search?: string;
  cacheDir?: string;
  now?: Date;
}

/** Builds the listing of known models per provider; pure apart from reading the catalogues. */
export function catalogListing(opts: CatalogListingOptions = {}): CatalogListing {
  const now = opts.now ?? new Date();
  const needle = opts.search?.toLowerCase();
  const catalogs = (opts.providers?.length ? opts.providers : CATALOG_PROVIDERS).map((provider): CatalogListingSection => {
    const catalog = loadCatalog(provider, { ...(opts.cacheDir ? { cacheDir: opts.cacheDir } : {}), now });
    const all = catalog.entries().map(flatten);
    const counts = { active: 0, deprecated: 0, retired: 0 };
    for (const m of all) counts[m.state]++;
    const models = all.filter((m) => {
      if (needle && !m.id.toLowerCase().includes(needle)) return false;
      if (m.state === 'retired') return opts.retired === true;
      return opts.deprecated ? m.state === 'deprecated' : true;
    });
    return {
      provider,
      source: catalog.source,
      snapshotDate: catalog.snapshotDate,
      ...(catalog.fetchedAt ? { fetchedAt: catalog.fetchedAt } : {}),
      ageDays: catalogAgeDays(catalog, now),
      path: catalog.path,
      counts,
      models,
    };
  });
  return { formatVersion: 1, catalogs };
}

function flatten(entry: { id: string; status: Exclude<ModelStatus, { state: 'unknown' }>; contextWindow?: number }): CatalogListingModel {
  const { state, ...lifecycle } = entry.status;
  return { id: entry.id, state, ...lifecycle, ...(entry.contextWindow !== undefined ? { contextWindow: entry.contextWindow } : {}) };
}
