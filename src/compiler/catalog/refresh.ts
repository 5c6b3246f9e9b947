import { cachedCatalogPath, CATALOG_PROVIDERS, defaultCacheDir, writeCatalogFile, type CatalogProvider } from './catalog-file.js';
import { clearCatalogMemo, newerCatalog, readCatalogSources } from './catalog.js';
import { CATALOG_BASE_URLS } from './endpoints.js';
import { createDispatcher, getJson, type GetJsonResult } from './http-get.js';
import { mergeListing } from './merge.js';
import { PROVIDER_APIS, type ListedModel } from './provider-apis.js';

/** What happened to one provider; failures are results, never exceptions. */
export type RefreshResult =
  | {
      provider: CatalogProvider;
      status: 'updated';
      /** The list endpoint, without paging parameters (never carries the key). */
      url: string;
      /** How many ids the API listed. */
      listed: number;
      /** Ids that were not in the catalogue before. */
      added: string[];
      /** Ids in the merged catalogue (listed + kept aliases), retired ones excluded. */
      total: number;
      cachePath: string;
      fetchedAt: string;
    }
  | { provider: CatalogProvider; status: 'skipped'; reason: string }
  | { provider: CatalogProvider; status: 'failed'; url: string; error: string };

/** Progress of a refresh: a provider's request starts, then its result arrives (in provider order). */
export type RefreshEvent = { type: 'fetching'; provider: CatalogProvider; url: string } | { type: 'result'; result: RefreshResult };

export interface RefreshOptions {
  /** Which catalogues to refresh (default: all five). */
  providers?: readonly CatalogProvider[];
  /** Where keys and `PAI_CATALOG_<PROVIDER>_URL` overrides are read from. */
  env: NodeJS.ProcessEnv;
  /** Base URLs (as in DEFAULT_ENDPOINTS), winning over the environment; for tests. */
  baseUrls?: Partial<Record<CatalogProvider, string>>;
  /** The pai cache root (default: `$PAI_CACHE_DIR`, `$XDG_CACHE_HOME/pai`, `~/.cache/pai`). */
  cacheDir?: string;
  onProgress?: (event: RefreshEvent) => void;
  /** Per request (default 15 s). */
  timeoutMs?: number;
  now?: () => Date;
}

/** Pages followed at most: a cursor that never ends is a server bug, not a reason to hang. */
const MAX_PAGES = 50;

/**
 * `pai catalog refresh`: fetches each provider's list-models API (concurrently), merges it into
 * the current catalogue and writes the cache atomically. A provider without a key is skipped
 * (OpenRouter and NIM lists are fetched without one). Results come back in provider order.
 */
export async function refreshCatalog(opts: RefreshOptions): Promise<RefreshResult[]> {
  const providers = opts.providers?.length ? [...new Set(opts.providers)] : [...CATALOG_PROVIDERS];
  const cacheDir = opts.cacheDir ?? defaultCacheDir(opts.env);
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const dispatcher = createDispatcher(opts.env, timeoutMs);
  try {
    const pending = providers.map((p) => refreshOne(p, { ...opts, cacheDir, timeoutMs, fetchJson: (url, headers) => getJson(url, headers, { dispatcher, timeoutMs }) }));
    const results: RefreshResult[] = [];
    for (const p of pending) {
      const result = await p;
      results.push(result);
      opts.onProgress?.({ type: 'result', result });
    }
    return results;
  } finally {
    clearCatalogMemo();
    await dispatcher.close().catch(() => undefined);
  }
}

type Fetcher = (url: string, headers: Record<string, string>) => Promise<GetJsonResult>;

async function refreshOne(provider: CatalogProvider, opts: RefreshOptions & { cacheDir: string; timeoutMs: number; fetchJson: Fetcher }): Promise<RefreshResult> {
  const api = PROVIDER_APIS[provider];
  // Trimmed: a key read with `$(cat file)` or pasted from a dashboard often ends in a newline.
  const keyName = api.keyEnv.find((name) => opts.env[name]?.trim());
  const key = keyName ? opts.env[keyName]!.trim() : undefined;
  if (!key && !api.keyOptional) return { provider, status: 'skipped', reason: `${api.keyEnv[0]} not set` };

  const base = baseUrl(provider, opts);
  const firstUrl = api.firstUrl(base);
  const url = displayUrl(firstUrl);
  if (!url) return { provider, status: 'failed', url: base, error: `"${base}" is not an http(s) URL` };
  opts.onProgress?.({ type: 'fetching', provider, url });
  const scrub = (text: string) => (key ? text.split(key).join('***') : text);
  const fail = (error: string): RefreshResult => ({ provider, status: 'failed', url, error: scrub(error) });

  const listed: ListedModel[] = [];
  const seen = new Set<string>();
  let next: string | undefined = firstUrl;
  for (let page = 0; next; page++) {
    if (page === MAX_PAGES || seen.has(next)) return fail(`pagination did not end after ${page} pages`);
    seen.add(next);
    const res = await opts.fetchJson(next, api.headers(key));
    if (!res.ok) return fail(describeError(res, url, keyName ?? api.keyEnv[0]!, key !== undefined));
    try {
      const parsed = api.parse(res.body, next);
      listed.push(...parsed.models);
      next = parsed.next;
    } catch (err) {
      return fail(`unexpected response from ${url}: ${(err as Error).message}`);
    }
  }

  try {
    const { shipped, cached } = readCatalogSources(provider, opts.cacheDir);
    const fetchedAt = (opts.now?.() ?? new Date()).toISOString();
    const { file, added } = mergeListing(newerCatalog(shipped, cached), listed, { fetchedAt, url });
    const cachePath = cachedCatalogPath(provider, opts.cacheDir);
    writeCatalogFile(cachePath, file);
    return { provider, status: 'updated', url, listed: new Set(listed.map((m) => m.id)).size, added, total: file.models.length, cachePath, fetchedAt };
  } catch (err) {
    return fail(`cannot update the cache: ${(err as Error).message}`);
  }
}

/** `baseUrls` option, else `PAI_CATALOG_<PROVIDER>_URL`, else the documented endpoint. */
function baseUrl(provider: CatalogProvider, opts: RefreshOptions): string {
  const chosen = opts.baseUrls?.[provider] || opts.env[`PAI_CATALOG_${provider.toUpperCase()}_URL`] || CATALOG_BASE_URLS[provider];
  return chosen.replace(/\/+$/, '');
}

/** The endpoint as shown in messages: no paging parameters, no user:password. */
function displayUrl(raw: string): string | undefined {
  try {
    const u = new URL(raw);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin + u.pathname : undefined;
  } catch {
    return undefined;
  }
}

/** A message that says what to do; it names the key's variable, never its value. */
function describeError(res: Exclude<GetJsonResult, { ok: true }>, url: string, keyVar: string, keySent: boolean): string {
  if (res.kind !== 'http') {
    if (res.kind === 'timeout') return `${url} ${res.detail}`;
    return res.kind === 'network' ? `cannot connect to ${url} (${res.detail})` : `unexpected response from ${url}: ${res.detail}`;
  }
  const status = `${res.status} ${res.statusText}`;
  if (res.status === 401 || res.status === 403) return `${status} — ${keySent ? 'check' : 'set'} ${keyVar}`;
  if (res.status === 429) return `${status} — rate limited, try again later`;
  return status;
}
