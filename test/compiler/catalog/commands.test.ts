/**
 * `pai catalog` and `pai catalog refresh` end to end, through the built CLI (run
 * `npx tsc -p tsconfig.build.json` first). Refresh talks to a fake upstream on 127.0.0.1.
 */
import { rmSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';
import { EXIT_CODES } from '../../../src/cli/exit-codes.js';
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

const NO_KEYS = { ANTHROPIC_API_KEY: undefined, OPENAI_API_KEY: undefined, GEMINI_API_KEY: undefined, GOOGLE_API_KEY: undefined, OPENROUTER_API_KEY: undefined, NVIDIA_API_KEY: undefined, HTTP_PROXY: undefined, HTTPS_PROXY: undefined, http_proxy: undefined, https_proxy: undefined };
const freshCache = () => tempDir('pai-cli-catalog-');

let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await startFakeUpstream();
});
afterAll(() => upstream.close());

describe('pai catalog', () => {
  it('lists a provider as a table with the catalogue origin and age', async () => {
    const r = await runCli(['catalog', 'anthropic'], { env: { ...NO_KEYS, PAI_CACHE_DIR: freshCache() } });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^anthropic: snapshot of 2026-07-02 \(\d+ days old\) — 15 active, 0 deprecated, 26 retired\n/);
    expect(r.stdout).toMatch(/^ {2}claude-sonnet-4-6 +active$/m);
    expect(r.stdout).not.toContain('claude-3-opus-20240229'); // retired: hidden without --retired
  });

  it('filters with --deprecated and --search', async () => {
    const r = await runCli(['catalog', 'openai', '--deprecated', '--search', 'GPT-4O-MINI'], { env: { ...NO_KEYS, PAI_CACHE_DIR: freshCache() } });
    expect(r.code).toBe(0);
    const rows = r.stdout.split('\n').filter((l) => l.startsWith('  gpt'));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatch(/^ {2}gpt-4o-mini\S* +deprecated +shuts down \d{4}-\d{2}-\d{2}/);
  });

  it('shows retired models with --retired', async () => {
    const r = await runCli(['catalog', 'nvidia', '--search', 'glm4.7', '--retired'], { env: { ...NO_KEYS, PAI_CACHE_DIR: freshCache() } });
    expect(r.stdout).toMatch(/^ {2}z-ai\/glm4\.7 +retired +use z-ai\/glm-5\.2$/m);
  });

  it.each([['--json'], ['--format', 'json']])('prints a versioned JSON listing with %s', async (...flags) => {
    const r = await runCli(['catalog', 'openai', '--search', 'gpt-4o', ...flags], { env: { ...NO_KEYS, PAI_CACHE_DIR: freshCache() } });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.formatVersion).toBe(1);
    expect(out.catalogs).toHaveLength(1);
    expect(out.catalogs[0]).toMatchObject({ provider: 'openai', source: 'snapshot', snapshotDate: '2026-07-02' });
    expect(out.catalogs[0].models).toContainEqual({ id: 'gpt-4o', state: 'deprecated', shutdownOn: '2027-01-14', replacement: 'gpt-6-luna', contextWindow: 128000 });
  });

  it('refuses an unknown provider', async () => {
    const r = await runCli(['catalog', 'antropic'], { env: { ...NO_KEYS, PAI_CACHE_DIR: freshCache() } });
    expect(r.code).toBe(EXIT_CODES.usage); // a usage error, not 2 ("the plan has changes")
    expect(r.stderr).toContain('unknown provider "antropic" (did you mean "anthropic"?)');
  });
});

describe('pai catalog refresh', () => {
  it('prints one line per provider and updates what `pai catalog` shows', async () => {
    const cache = freshCache();
    const env = { ...NO_KEYS, ...upstream.env, PAI_CACHE_DIR: cache, ANTHROPIC_API_KEY: GOOD_KEYS.anthropic, OPENAI_API_KEY: GOOD_KEYS.openai };
    const r = await runCli(['catalog', 'refresh'], { env });
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^anthropic: 6 models \(0 new\) from http:\/\/127\.0\.0\.1:\d+\/anthropic\/v1\/models$/);
    expect(lines[1]).toMatch(/^openai: 5 models \(\d+ new\) from http:\/\/127\.0\.0\.1:\d+\/openai\/v1\/models$/);
    expect(lines[2]).toBe('gemini: skipped (GEMINI_API_KEY not set)');
    expect(lines[3]).toMatch(/^openrouter: 4 models/);
    expect(lines[4]).toMatch(/^nvidia: 4 models/);
    const listed = await runCli(['catalog', 'anthropic'], { env });
    expect(listed.stdout).toMatch(/^anthropic: refreshed \d{4}-\d{2}-\d{2} \(0 days old\)/);
    expect(JSON.parse(readFileSync(path.join(cache, 'catalog', 'anthropic.json'), 'utf8')).fetchedAt).toMatch(/^\d{4}-/);
  });

  it('exits 1 when a provider fails, without printing the key', async () => {
    const bad = 'sk-proj-WRONGwrongWRONGwrong0123456789';
    const r = await runCli(['catalog', 'refresh', 'openai', 'nvidia'], { env: { ...NO_KEYS, ...upstream.env, PAI_CACHE_DIR: freshCache(), OPENAI_API_KEY: bad } });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('openai: failed: 401 Unauthorized — check OPENAI_API_KEY\n');
    expect(r.stdout).toMatch(/^nvidia: 4 models/m);
    expect(r.stdout + r.stderr).not.toContain(bad);
  });

  it('prints a versioned JSON result with --json, still exiting 1 on failure', async () => {
    const r = await runCli(['catalog', 'refresh', 'openai', '--json'], { env: { ...NO_KEYS, ...upstream.env, PAI_CACHE_DIR: freshCache(), OPENAI_API_KEY: 'sk-proj-WRONGwrongWRONGwrong0123456789' } });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ formatVersion: 1, results: [{ provider: 'openai', status: 'failed', error: '401 Unauthorized — check OPENAI_API_KEY' }] });
  });

  it('refuses an unknown provider name with a suggestion', async () => {
    const r = await runCli(['catalog', 'refresh', 'opnai'], { env: { ...NO_KEYS, PAI_CACHE_DIR: freshCache() } });
    expect(r.code).toBe(EXIT_CODES.usage);
    expect(r.stderr).toContain('unknown provider "opnai" (did you mean "openai"?)');
  });
});
