import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { catalogAgeDays, clearCatalogMemo, loadCatalog, type CatalogProvider, type ModelStatus } from '../../../src/compiler/catalog/catalog.js';
import { defaultCacheDir } from '../../../src/compiler/catalog/catalog-file.js';

const tempDirs: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

const NOW = new Date('2026-11-25T12:00:00Z');
const EMPTY_CACHE = tempDir('pai-catalog-empty-');
const lookup = (provider: CatalogProvider, id: string, now = NOW) => loadCatalog(provider, { cacheDir: EMPTY_CACHE, now }).lookup(id);

describe('lookup on the shipped snapshot', () => {
  const cases: Array<[string, CatalogProvider, string, ModelStatus]> = [
    ['an Anthropic current model is active', 'anthropic', 'claude-sonnet-4-6', { state: 'active' }],
    ['an Anthropic undated alias is active', 'anthropic', 'claude-haiku-4-5', { state: 'active' }],
    ['an Anthropic dated id is active', 'anthropic', 'claude-opus-4-5-20251101', { state: 'active' }],
    ['a retired Anthropic model gives date and replacement', 'anthropic', 'claude-3-opus-20240229', { state: 'retired', retiredOn: '2026-01-05', replacement: 'claude-opus-4-5' }],
    ['a retired model with no known date has no retiredOn', 'anthropic', 'claude-3-haiku-20240307', { state: 'retired', replacement: 'claude-haiku-4-5' }],
    ['gpt-4o is deprecated with its shutdown date', 'openai', 'gpt-4o', { state: 'deprecated', shutdownOn: '2027-01-14', replacement: 'gpt-6-luna' }],
    ['gpt-4.1 is deprecated with its shutdown date', 'openai', 'gpt-4.1', { state: 'deprecated', shutdownOn: '2027-01-14', replacement: 'gpt-6-luna' }],
    ['gpt-5 is deprecated, no replacement named', 'openai', 'gpt-5', { state: 'deprecated', shutdownOn: '2026-12-11' }],
    ['chatgpt-4o-latest is retired', 'openai', 'chatgpt-4o-latest', { state: 'retired', retiredOn: '2026-02-17', replacement: 'gpt-5.1-chat-latest' }],
    ['a Gemini model is active', 'gemini', 'gemini-2.5-pro', { state: 'active' }],
    ['a Gemini id with the models/ prefix is tolerated', 'gemini', 'models/gemini-2.5-flash', { state: 'active' }],
    ['a retired Gemini model', 'gemini', 'gemini-2.0-flash', { state: 'retired', retiredOn: '2026-06-01', replacement: 'gemini-2.5-flash / gemini-2.5-flash-lite' }],
    ['an OpenRouter id with a vendor prefix is active', 'openrouter', 'anthropic/claude-sonnet-4.6', { state: 'active' }],
    ['an NVIDIA model is active', 'nvidia', 'meta/llama-3.1-70b-instruct', { state: 'active' }],
    ['NVIDIA z-ai/glm4.7 is retired', 'nvidia', 'z-ai/glm4.7', { state: 'retired', replacement: 'z-ai/glm-5.2' }],
    ['NVIDIA mistralai/mistral-large is deprecated (listed, but dropped)', 'nvidia', 'mistralai/mistral-large', { state: 'deprecated' }],
  ];
  it.each(cases)('%s', (_name, provider, id, expected) => {
    expect(lookup(provider, id)).toEqual(expected);
  });

  it('the models/ prefix is only stripped for gemini', () => {
    expect(lookup('openai', 'models/gpt-4o').state).toBe('unknown');
  });

  it('a deprecated model whose shutdown day has come is retired', () => {
    expect(lookup('openai', 'gpt-5', new Date('2026-12-11T00:00:00Z'))).toEqual({ state: 'retired', retiredOn: '2026-12-11' });
    expect(lookup('openai', 'gpt-5', new Date('2026-12-10T23:59:59Z')).state).toBe('deprecated');
  });
});

describe('suggestions for unknown ids', () => {
  const cases: Array<[string, CatalogProvider, string, string]> = [
    ['a missing letter', 'anthropic', 'claude-sonet-4-6', 'claude-sonnet-4-6'],
    ['swapped letters', 'openai', 'gpt-4.1-mnii', 'gpt-4.1-mini'],
    ['wrong case', 'anthropic', 'Claude-Sonnet-4-6', 'claude-sonnet-4-6'],
    ['the OpenRouter spelling on NIM', 'nvidia', 'z-ai/glm5.2', 'z-ai/glm-5.2'],
    ['a truncated id (prefix)', 'gemini', 'gemini-2.5-flash-li', 'gemini-2.5-flash-lite'],
    ['a missing vendor prefix on NIM', 'nvidia', 'llama-3.1-70b-instruct', 'meta/llama-3.1-70b-instruct'],
    ['a gemini typo with the models/ prefix', 'gemini', 'models/gemini-2.5-prp', 'gemini-2.5-pro'],
  ];
  it.each(cases)('%s: %s %s → %s', (_name, provider, id, first) => {
    const status = lookup(provider, id);
    expect(status.state).toBe('unknown');
    expect(status.state === 'unknown' && status.suggestions[0]).toBe(first);
    expect(status.state === 'unknown' && status.suggestions.length).toBeLessThanOrEqual(3);
  });

  it('nothing close gives no suggestion', () => {
    expect(lookup('anthropic', 'totally-different-model-name')).toEqual({ state: 'unknown', suggestions: [] });
  });
});

describe('loadCatalog', () => {
  it('is memoized per provider and cache dir', () => {
    const a = loadCatalog('openai', { cacheDir: EMPTY_CACHE, now: NOW });
    expect(loadCatalog('openai', { cacheDir: EMPTY_CACHE, now: NOW })).toBe(a);
    expect(a.source).toBe('snapshot');
    expect(a.snapshotDate).toBe('2026-07-02');
    expect(a.ids()).toContain('gpt-4o');
    expect(a.ids()).not.toContain('chatgpt-4o-latest');
  });

  it('knows context windows', () => {
    expect(loadCatalog('anthropic', { cacheDir: EMPTY_CACHE }).contextWindow('claude-sonnet-4-6')).toBe(1000000);
  });

  const writeCache = (dir: string, fetchedAt: string, extra: string) => {
    mkdirSync(path.join(dir, 'catalog'), { recursive: true });
    const file = { formatVersion: 1, provider: 'anthropic', snapshotDate: '2026-07-02', generatedAt: '2026-11-25', source: 'test', fetchedAt, models: [{ id: extra }], retired: [] };
    writeFileSync(path.join(dir, 'catalog', 'anthropic.json'), JSON.stringify(file));
  };

  it('prefers a cache fetched on or after the snapshot was generated', () => {
    const dir = tempDir('pai-catalog-');
    writeCache(dir, '2026-11-26T08:00:00.000Z', 'claude-next');
    const c = loadCatalog('anthropic', { cacheDir: dir, now: NOW });
    expect(c.source).toBe('cache');
    expect(c.fetchedAt).toBe('2026-11-26T08:00:00.000Z');
    expect(c.lookup('claude-next')).toEqual({ state: 'active' });
    expect(c.path).toBe(path.join(dir, 'catalog', 'anthropic.json'));
  });

  it('ignores a cache older than the shipped snapshot, and a corrupt one', () => {
    const old = tempDir('pai-catalog-');
    writeCache(old, '2026-01-01T00:00:00.000Z', 'claude-next');
    expect(loadCatalog('anthropic', { cacheDir: old }).source).toBe('snapshot');
    const corrupt = tempDir('pai-catalog-');
    mkdirSync(path.join(corrupt, 'catalog'));
    writeFileSync(path.join(corrupt, 'catalog', 'anthropic.json'), '{not json');
    expect(loadCatalog('anthropic', { cacheDir: corrupt }).source).toBe('snapshot');
  });

  it('clearCatalogMemo makes the next load read the files again', () => {
    const a = loadCatalog('gemini', { cacheDir: EMPTY_CACHE });
    clearCatalogMemo();
    expect(loadCatalog('gemini', { cacheDir: EMPTY_CACHE })).not.toBe(a);
  });
});

describe('defaultCacheDir', () => {
  it.each([
    ['PAI_CACHE_DIR wins', { PAI_CACHE_DIR: '/c/pai', XDG_CACHE_HOME: '/x' }, '/c/pai'],
    ['then XDG_CACHE_HOME/pai', { XDG_CACHE_HOME: '/x' }, '/x/pai'],
  ])('%s', (_name, env, expected) => {
    expect(defaultCacheDir(env)).toBe(expected);
  });
  it('else ~/.cache/pai', () => {
    expect(defaultCacheDir({})).toMatch(/[/\\]\.cache[/\\]pai$/);
  });
});

describe('catalogAgeDays', () => {
  it('counts from the snapshot date for the shipped snapshot', () => {
    expect(catalogAgeDays(loadCatalog('openai', { cacheDir: EMPTY_CACHE }), NOW)).toBe(146);
  });
  it('counts from fetchedAt for a cache', () => {
    const c = { ...loadCatalog('openai', { cacheDir: EMPTY_CACHE }), source: 'cache' as const, fetchedAt: '2026-11-20T13:00:00.000Z' };
    expect(catalogAgeDays(c, NOW)).toBe(4);
  });
});
