/**
 * Check rules seen through the compiler and the CLI: a duplicate names both places; Secret values
 * in the configuration are an error whose output, in every format, never holds a value.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../../../src/compiler/compile.js';
import { REPO_ROOT, runCli } from '../../helpers/cli.js';

describe('duplicate resources', () => {
  it('are reported at both declarations, each naming the other', async () => {
    const dir = path.join(REPO_ROOT, 'fixtures/invalid/duplicate-resource');
    const result = await compile({ paths: ['.'], cwd: dir });
    expect(result.diagnostics.map((d) => [d.range?.line, d.message])).toEqual([
      [4, 'Secret "same" is declared twice in namespace "default": here and at input.yaml:7'],
      [10, 'Secret "same" is declared twice in namespace "default": here and at input.yaml:1'],
    ]);
  });
});

describe('Secret values in the configuration', () => {
  const dir = path.join(REPO_ROOT, 'fixtures/invalid/secret-values-in-config');
  for (const format of ['text', 'json', 'github', 'sarif']) {
    it(`are an error, and --format ${format} never shows a value`, async () => {
      const res = await runCli(['validate', '--format', format, '.'], { cwd: dir });
      expect(res.code).toBe(1);
      expect(res.stdout).toContain('secret-values-in-config');
      expect(res.stdout + res.stderr).not.toMatch(/sk-ant-api03|EXAMPLEEXAMPLE|aHVudGVyMg/);
    });
  }
});
