/**
 * docs/diagnostics.md documents every diagnostic code with an example input and the output of
 * `pai validate`; it is generated, so this test fails when it is stale. Fix: npm run gen:docs
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_CODES } from '../../src/api/diagnostic-codes.js';
import { REPO_ROOT } from '../helpers/cli.js';

describe('docs/diagnostics.md', () => {
  it('is up to date (run `npm run gen:docs`)', async () => {
    // The generator imports dist/, which `npm test` builds first.
    const { diagnosticsDoc } = (await import(path.join(REPO_ROOT, 'scripts/diagnostics-doc.mjs'))) as { diagnosticsDoc: () => Promise<string> };
    expect(readFileSync(path.join(REPO_ROOT, 'docs/diagnostics.md'), 'utf8')).toBe(await diagnosticsDoc());
  });

  it('has a section and an example for every code', () => {
    const doc = readFileSync(path.join(REPO_ROOT, 'docs/diagnostics.md'), 'utf8');
    for (const code of ALL_CODES) {
      const section = doc.split(`\n## ${code}\n`)[1]?.split('\n## ')[0];
      expect(section, code).toBeDefined();
      expect(section!.length, code).toBeGreaterThan(80);
    }
  });
});
