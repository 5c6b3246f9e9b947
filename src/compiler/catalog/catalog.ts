import { didYouMean } from '../diagnostics/did-you-mean.js';
import {
  cachedCatalogPath,
  defaultCacheDir,
  readCatalogFile,
  shippedCatalogPath,
  type CatalogFile,
  type CatalogProvider,
} from './catalog-file.js';

export { CATALOG_PROVIDERS, type CatalogProvider } from './catalog-file.js';
export { CATALOG_BASE_URLS, DEFAULT_ENDPOINTS, NVIDIA_NIM_ENDPOINT, catalogProviderFor, type NativeProvider } from './endpoints.js';

/**
 * What the catalogue knows about one model id. `unknown` carries did-you-mean suggestions so that
 * a typo is reported with its fix.
 */
export type ModelStatus =
  | { state: 'active' }
  | { state: 'deprecated'; shutdownOn?: string; replacement?: string }
  | { state: 'retired'; retiredOn?: string; replacement?: string }
  | { state: 'unknown'; suggestions: string[] };

/** One known id with its status, for listings (`pai catalog`). */
export interface CatalogEntry {
  id: string;
  status: Exclude<ModelStatus, { state: 'unknown' }>;
  contextWindow?: number;
}

/** A provider's model catalogue: the shipped snapshot, or the newer cache of `pai catalog refresh`. */
export interface Catalog {
  provider: CatalogProvider;
  /** The day the data is complete up to. */
  snapshotDate: string;
  source: 'snapshot' | 'cache';
  /** When `pai catalog refresh` fetched it (ISO timestamp); only for `source: 'cache'`. */
  fetchedAt?: string;
  /** The file it was read from, for messages. */
  path: string;
  /** The status of a model id (for gemini, a leading `models/` is ignored). */
  lookup(modelId: string): ModelStatus;
  /** The ids the provider accepts (active and deprecated), sorted. */
  ids(): string[];
  /** Every known id, retired ones included, sorted. */
  entries(): CatalogEntry[];
  /** The context window in tokens, when known. */
  contextWindow(modelId: string): number | undefined;
}

/** Options of loadCatalog; `cacheDir` is the pai cache root (default `$PAI_CACHE_DIR` …). */
export interface LoadCatalogOptions {
  cacheDir?: string;
  /** The day lifecycle is judged against: a deprecated model past its shutdown is retired. */
  now?: Date;
}

const memo = new Map<string, Catalog>();

/**
 * Loads a provider's catalogue: the refresh cache when present and at least as new as the shipped
 * snapshot (a newer pai's snapshot wins over an old cache), else the snapshot. Synchronous and
 * memoized per provider, because `pai validate` runs in pre-commit hooks where every ms counts.
 * Throws only when the shipped snapshot itself is missing or corrupt (a broken install).
 */
export function loadCatalog(provider: CatalogProvider, opts: LoadCatalogOptions = {}): Catalog {
  const cacheDir = opts.cacheDir ?? defaultCacheDir();
  const today = isoDay(opts.now ?? new Date());
  const key = `${provider}\0${cacheDir}\0${today}`;
  let catalog = memo.get(key);
  if (!catalog) {
    catalog = buildCatalog(provider, cacheDir, today);
    memo.set(key, catalog);
  }
  return catalog;
}

/** Forgets loaded catalogues, so the next loadCatalog reads the files again (after a refresh). */
export function clearCatalogMemo(): void {
  memo.clear();
}

/** Reads the shipped snapshot and the cache without choosing between them (refresh merges into the newer). */
export function readCatalogSources(provider: CatalogProvider, cacheDir: string): { shipped: CatalogFile; cached?: CatalogFile } {
  const shippedPath = shippedCatalogPath(provider);
  const shipped = readCatalogFile(shippedPath, provider);
  if (!shipped) throw new Error(`the model catalogue ${shippedPath} is missing or corrupt; reinstall pai`);
  const cached = readCatalogFile(cachedCatalogPath(provider, cacheDir), provider);
  return cached ? { shipped, cached } : { shipped };
}

/** The cache when it was fetched on or after the day the shipped snapshot was generated. */
export function newerCatalog(shipped: CatalogFile, cached: CatalogFile | undefined): CatalogFile {
  return cached?.fetchedAt && cached.fetchedAt.slice(0, 10) >= shipped.generatedAt ? cached : shipped;
}

function buildCatalog(provider: CatalogProvider, cacheDir: string, today: string): Catalog {
  const { shipped, cached } = readCatalogSources(provider, cacheDir);
  const file = newerCatalog(shipped, cached);
  const fromCache = file === cached;
  return catalogFromFile(file, {
    source: fromCache ? 'cache' : 'snapshot',
    path: fromCache ? cachedCatalogPath(provider, cacheDir) : shippedCatalogPath(provider),
    today,
  });
}

/** Builds the lookup API over a catalogue file. Exported for tests and for refresh previews. */
export function catalogFromFile(file: CatalogFile, meta: { source: 'snapshot' | 'cache'; path: string; today: string }): Catalog {
  const byId = new Map<string, CatalogEntry>();
  for (const m of file.models) {
    const status = modelStatus(m, meta.today);
    byId.set(m.id, m.contextWindow !== undefined ? { id: m.id, status, contextWindow: m.contextWindow } : { id: m.id, status });
  }
  for (const r of file.retired) {
    if (byId.has(r.id)) continue; // listed models win; a stale retired row must not hide one
    byId.set(r.id, { id: r.id, status: { state: 'retired', ...(r.retiredOn ? { retiredOn: r.retiredOn } : {}), ...(r.replacement ? { replacement: r.replacement } : {}) } });
  }
  let accepted: string[] | undefined;
  const ids = () => (accepted ??= file.models.map((m) => m.id).sort());
  const normalize = (id: string) => (file.provider === 'gemini' && id.startsWith('models/') ? id.slice('models/'.length) : id);
  return {
    provider: file.provider,
    snapshotDate: file.snapshotDate,
    source: meta.source,
    ...(meta.source === 'cache' && file.fetchedAt ? { fetchedAt: file.fetchedAt } : {}),
    path: meta.path,
    lookup(modelId) {
      const id = normalize(modelId);
      const entry = byId.get(id);
      return entry ? entry.status : { state: 'unknown', suggestions: suggest(id, ids()) };
    },
    ids: () => [...ids()],
    entries: () => [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    contextWindow: (modelId) => byId.get(normalize(modelId))?.contextWindow,
  };
}

/**
 * Did-you-mean for a model id: first ids that differ only by a missing vendor prefix
 * (`llama-3.1-70b-instruct` → `meta/llama-3.1-70b-instruct` on NIM and OpenRouter), then the
 * closest spellings.
 */
function suggest(id: string, candidates: readonly string[], max = 3): string[] {
  const lower = id.toLowerCase();
  const vendorless = id.includes('/') ? [] : candidates.filter((c) => c.includes('/') && c.slice(c.lastIndexOf('/') + 1).toLowerCase() === lower);
  return [...new Set([...vendorless, ...didYouMean(id, candidates, max)])].slice(0, max);
}

/** A deprecated model whose shutdown day has come is retired, whatever the file says. */
function modelStatus(m: CatalogFile['models'][number], today: string): CatalogEntry['status'] {
  if (!m.deprecated) return { state: 'active' };
  const replacement = m.replacement ? { replacement: m.replacement } : {};
  if (m.shutdownOn && m.shutdownOn <= today) return { state: 'retired', retiredOn: m.shutdownOn, ...replacement };
  return { state: 'deprecated', ...(m.shutdownOn ? { shutdownOn: m.shutdownOn } : {}), ...replacement };
}

/**
 * How old the catalogue's knowledge is, in whole days: since the refresh for a cache, since the
 * snapshot date for the shipped snapshot. Drives "N days old" in the validate summary.
 */
export function catalogAgeDays(c: Catalog, now: Date): number {
  const since = Date.parse(c.source === 'cache' && c.fetchedAt ? c.fetchedAt : `${c.snapshotDate}T00:00:00Z`);
  if (Number.isNaN(since)) return 0;
  return Math.max(0, Math.floor((now.getTime() - since) / 86_400_000));
}

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}
