import { bail } from './bail.js';

/**
 * Bails when a mapping that received `entries` assignments has fewer own keys: a duplicate key
 * (which yaml reports as an error), or `__proto__` (which an assignment does not store as a key).
 * Checked once per mapping rather than per key: a lookup with a freshly sliced key string costs
 * as much as the assignment itself, and keys are almost never duplicated.
 */
export function checkNoDuplicateKeys(map: Record<string, unknown>, entries: number): void {
  if (Object.keys(map).length !== entries) bail();
}

/**
 * Recently seen plain keys, by hash. Manifests repeat the same few dozen keys; handing V8 the same
 * (already internalized) string object again spares each property store a string-table lookup
 * and skips re-resolving the key. Measured: ~7% of the parse time on typical manifests.
 */
const KEY_CACHE_SIZE = 1024;
const keyCache: (string | undefined)[] = new Array<string | undefined>(KEY_CACHE_SIZE).fill(undefined);

/** The cached key equal to `src[start, end)` (whose `hash` the caller computed), if any. */
export function cachedKey(src: string, start: number, end: number, hash: number): string | undefined {
  const key = keyCache[(hash ^ (end - start)) & (KEY_CACHE_SIZE - 1)];
  return key !== undefined && key.length === end - start && src.startsWith(key, start) ? key : undefined;
}

/**
 * Remembers a plain key that resolved to a string, so a cache hit needs no re-resolution. Never
 * `<<`: a hit skips the callers' checks, and a merge key must always fall back.
 */
export function cacheKey(key: string, hash: number): void {
  if (key === '<<') return;
  keyCache[(hash ^ key.length) & (KEY_CACHE_SIZE - 1)] = key;
}
