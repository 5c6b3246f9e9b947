import { rmSync, mkdtempSync, readdirSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog, type CatalogProvider } from '../../../src/compiler/catalog/catalog.js';
import { refreshCatalog, type RefreshEvent, type RefreshResult } from '../../../src/compiler/catalog/refresh.js';
import { refreshLine } from '../../../src/compiler/catalog/render.js';
import { GOOD_KEYS, startFakeUpstream, type FakeUpstream } from './fake-upstream.js';

const tempDirs: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

const ALL_KEYS = {
  ANTHROPIC_API_KEY: GOOD_KEYS.anthropic,
  OPENAI_API_KEY: GOOD_KEYS.openai,
  GEMINI_API_KEY: GOOD_KEYS.gemini,
  OPENROUTER_API_KEY: GOOD_KEYS.openrouter,
  NVIDIA_API_KEY: GOOD_KEYS.nvidia,
};
const NOW = new Date('2026-11-25T12:00:00Z');

let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await startFakeUpstream();
});
afterAll(() => upstream.close());

async function refresh(env: Record<string, string>, providers?: CatalogProvider[]) {
  const cacheDir = tempDir('pai-catalog-');
  const events: RefreshEvent[] = [];
  upstream.requests.length = 0;
  const results = await refreshCatalog({ env: { ...upstream.env, ...env }, cacheDir, onProgress: (e) => events.push(e), timeoutMs: 5000, now: () => NOW, ...(providers ? { providers } : {}) });
  const byProvider = Object.fromEntries(results.map((r) => [r.provider, r])) as Record<CatalogProvider, RefreshResult>;
  return { cacheDir, results, byProvider, events };
}

describe('refreshCatalog against a fake upstream', () => {
  it('fetches all five providers, following Anthropic and Gemini pagination', async () => {
    const { results, byProvider } = await refresh(ALL_KEYS);
    expect(results.map((r) => r.provider)).toEqual(['anthropic', 'openai', 'gemini', 'openrouter', 'nvidia']);
    expect(results.map((r) => r.status)).toEqual(['updated', 'updated', 'updated', 'updated', 'updated']);
    const listed = Object.fromEntries(results.map((r) => [r.provider, r.status === 'updated' ? r.listed : -1]));
    expect(listed).toEqual({ anthropic: 6, openai: 5, gemini: 4, openrouter: 4, nvidia: 4 });
    const anthropicPages = upstream.requests.filter((r) => r.url.startsWith('/anthropic/')).map((r) => r.url);
    expect(anthropicPages).toEqual(['/anthropic/v1/models?limit=1000', '/anthropic/v1/models?limit=1000&after_id=claude-opus-4-6']);
    const geminiPages = upstream.requests.filter((r) => r.url.startsWith('/gemini/')).map((r) => r.url);
    expect(geminiPages).toHaveLength(2);
    expect(geminiPages[1]).toContain('pageToken=Ch1tb2RlbHMvZ2VtaW5pLWVtYmVkZGluZy0wMDE%3D');
    expect(refreshLine(byProvider.anthropic)).toMatch(/^anthropic: 6 models \(\d+ new\) from http:\/\/127\.0\.0\.1:\d+\/anthropic\/v1\/models$/);
  });

  it.each([
    ['anthropic', 'x-api-key', GOOD_KEYS.anthropic],
    ['anthropic', 'anthropic-version', '2023-06-01'],
    ['openai', 'authorization', `Bearer ${GOOD_KEYS.openai}`],
    ['gemini', 'x-goog-api-key', GOOD_KEYS.gemini],
    ['openrouter', 'authorization', `Bearer ${GOOD_KEYS.openrouter}`],
    ['nvidia', 'authorization', `Bearer ${GOOD_KEYS.nvidia}`],
  ])('sends the documented %s header %s', async (provider, header, value) => {
    await refresh(ALL_KEYS, [provider as CatalogProvider]);
    expect(upstream.requests.length).toBeGreaterThan(0);
    for (const r of upstream.requests) expect(r.headers[header]).toBe(value);
  });

  it('never puts the Gemini key in the URL', async () => {
    await refresh(ALL_KEYS, ['gemini']);
    for (const r of upstream.requests) expect(r.url).not.toContain('key=');
  });

  it('merges: listed ids are added, snapshot aliases and retired entries are kept', async () => {
    const { cacheDir, byProvider } = await refresh(ALL_KEYS, ['anthropic', 'nvidia', 'gemini']);
    const anthropic = byProvider.anthropic;
    expect(anthropic.status === 'updated' && anthropic.added).toEqual([]); // every sampled id is in the snapshot
    const cat = loadCatalog('anthropic', { cacheDir, now: NOW });
    expect(cat.source).toBe('cache');
    expect(cat.fetchedAt).toBe(NOW.toISOString());
    expect(cat.lookup('claude-sonnet-4-5')).toEqual({ state: 'active' }); // an alias the API does not list
    expect(cat.lookup('claude-3-opus-20240229').state).toBe('retired');
    const gemini = byProvider.gemini;
    expect(gemini.status === 'updated' && gemini.added).toEqual(['gemini-3.9-flash-test']);
    const g = loadCatalog('gemini', { cacheDir, now: NOW });
    expect(g.lookup('gemini-3.9-flash-test')).toEqual({ state: 'active' });
    expect(g.contextWindow('gemini-3.9-flash-test')).toBe(2097152);
    expect(g.lookup('gemini-2.5-pro')).toEqual({ state: 'active' });
    const n = loadCatalog('nvidia', { cacheDir, now: NOW });
    expect(n.lookup('z-ai/glm4.7').state).toBe('retired');
    expect(n.lookup('mistralai/mistral-large').state).toBe('deprecated'); // not listed by the sample: kept as it was
  });

  it('keeps known lifecycle data for listed ids and adds shutdown dates the API announces', async () => {
    const { cacheDir } = await refresh(ALL_KEYS, ['openai']);
    const cat = loadCatalog('openai', { cacheDir, now: NOW });
    expect(cat.lookup('gpt-4o')).toEqual({ state: 'deprecated', shutdownOn: '2027-01-14', replacement: 'gpt-6-luna' });
    expect(cat.lookup('o3')).toEqual({ state: 'deprecated', shutdownOn: '2026-12-11' });
    expect(cat.lookup('gpt-5.5')).toEqual({ state: 'active' });
  });

  it('writes the cache atomically as a compact catalogue with fetchedAt', async () => {
    const { cacheDir, byProvider } = await refresh(ALL_KEYS, ['openrouter']);
    const file = path.join(cacheDir, 'catalog', 'openrouter.json');
    expect(byProvider.openrouter.status === 'updated' && byProvider.openrouter.cachePath).toBe(file);
    expect(readdirSync(path.dirname(file))).toEqual(['openrouter.json']); // no temp file left behind
    const data = JSON.parse(readFileSync(file, 'utf8'));
    expect(data).toMatchObject({ formatVersion: 1, provider: 'openrouter', fetchedAt: NOW.toISOString(), snapshotDate: '2026-07-02' });
    expect(data.models.find((m: { id: string }) => m.id === 'z-ai/glm-4.7')).toBeTruthy();
  });

  it('skips a provider whose key is not set, and fetches OpenRouter and NVIDIA without one', async () => {
    const { byProvider, cacheDir } = await refresh({});
    expect(refreshLine(byProvider.gemini)).toBe('gemini: skipped (GEMINI_API_KEY not set)');
    expect(refreshLine(byProvider.anthropic)).toBe('anthropic: skipped (ANTHROPIC_API_KEY not set)');
    expect(byProvider.openrouter.status).toBe('updated');
    expect(byProvider.nvidia.status).toBe('updated');
    expect(upstream.requests.some((r) => r.url.startsWith('/gemini/'))).toBe(false);
    expect(existsSync(path.join(cacheDir, 'catalog', 'gemini.json'))).toBe(false);
  });

  it('accepts GOOGLE_API_KEY for Gemini', async () => {
    const { byProvider } = await refresh({ GOOGLE_API_KEY: GOOD_KEYS.gemini }, ['gemini']);
    expect(byProvider.gemini.status).toBe('updated');
  });

  it('reports a 401 per provider, names the variable, and never echoes the key', async () => {
    const bad = 'sk-proj-WRONGwrongWRONGwrong0123456789';
    const { byProvider, events, cacheDir } = await refresh({ ...ALL_KEYS, OPENAI_API_KEY: bad }, ['openai', 'anthropic']);
    expect(refreshLine(byProvider.openai)).toBe('openai: failed: 401 Unauthorized — check OPENAI_API_KEY');
    expect(byProvider.anthropic.status).toBe('updated');
    expect(JSON.stringify({ byProvider, events })).not.toContain(bad);
    expect(existsSync(path.join(cacheDir, 'catalog', 'openai.json'))).toBe(false);
  });

  it('reports a connection failure and a timeout as results', async () => {
    const hanging = await startFakeUpstream({ hang: true });
    try {
      const cacheDir = tempDir('pai-catalog-');
      const results = await refreshCatalog({
        env: { OPENAI_API_KEY: GOOD_KEYS.openai, NVIDIA_API_KEY: GOOD_KEYS.nvidia },
        providers: ['openai', 'nvidia'],
        baseUrls: { openai: 'http://127.0.0.1:1/v1', nvidia: hanging.baseUrls.nvidia },
        cacheDir,
        timeoutMs: 300,
      });
      expect(results[0]).toMatchObject({ status: 'failed', error: expect.stringMatching(/^cannot connect to http:\/\/127\.0\.0\.1:1\/v1\/models \(ECONNREFUSED\)$/) });
      expect(results[1]).toMatchObject({ status: 'failed', error: expect.stringMatching(/timed out after 0\.3 s$/) });
    } finally {
      await hanging.close();
    }
  });

  it('emits fetching events, then results in provider order', async () => {
    const { events } = await refresh(ALL_KEYS, ['openai', 'nvidia']);
    expect(events.filter((e) => e.type === 'result').map((e) => e.type === 'result' && e.result.provider)).toEqual(['openai', 'nvidia']);
    expect(events.filter((e) => e.type === 'fetching')).toHaveLength(2);
  });
});
