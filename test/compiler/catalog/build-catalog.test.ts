import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../helpers/cli.js';

// A copy of the shared upstream snapshot (../shared/catalog), kept in the repo so that this runs in any clone.
const SNAPSHOT = path.join(REPO_ROOT, 'fixtures/catalog-snapshot');
const PROVIDERS = ['anthropic', 'openai', 'gemini', 'openrouter', 'nvidia'];

describe('scripts/build-catalog.mjs', () => {
  it('rebuilds the committed catalog/*.json byte for byte from the shared snapshot', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'pai-build-catalog-'));
    try {
      execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts/build-catalog.mjs'), SNAPSHOT, '--out', out], { stdio: 'pipe' });
      for (const p of PROVIDERS) expect(readFileSync(path.join(out, `${p}.json`), 'utf8'), p).toBe(readFileSync(path.join(REPO_ROOT, 'catalog', `${p}.json`), 'utf8'));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it.each(PROVIDERS)('catalog/%s.json has the compact shape', (p) => {
    const c = JSON.parse(readFileSync(path.join(REPO_ROOT, 'catalog', `${p}.json`), 'utf8'));
    expect(Object.keys(c)).toEqual(['formatVersion', 'provider', 'snapshotDate', 'generatedAt', 'source', 'models', 'retired']);
    expect(c).toMatchObject({ formatVersion: 1, provider: p });
    expect(c.source).not.toContain('\n');
    for (const m of c.models) {
      for (const k of Object.keys(m)) expect(['id', 'deprecated', 'shutdownOn', 'replacement', 'contextWindow']).toContain(k);
      if (m.shutdownOn !== undefined) expect(m.shutdownOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    for (const r of c.retired) expect(Object.keys(r)).toEqual(['id', 'retiredOn', 'replacement']);
  });
});
