/**
 * The built action entry point (dist/action/main.js, what action.yml runs) with the real pai CLI,
 * in validate mode: annotations on stdout, summary written, pai's exit code. Plan and apply need
 * a control plane and are covered with a fake pai in modes.test.ts.
 * Needs `npx tsc -p tsconfig.build.json` first (npm test builds).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';

const MAIN = path.join(REPO_ROOT, 'dist/action/main.js');

function runMain(inputs: Record<string, string>): { code: number; stdout: string; summary: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pai-action-e2e-'));
  const summaryFile = path.join(dir, 'summary.md');
  writeFileSync(summaryFile, '');
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: dir, NO_COLOR: '1', GITHUB_WORKSPACE: REPO_ROOT, GITHUB_STEP_SUMMARY: summaryFile, RUNNER_TEMP: dir, PAI_CACHE_DIR: dir, PAI_CONFIG: path.join(dir, 'config.yaml'), ...inputs };
  const r = spawnSync(process.execPath, [MAIN], { cwd: dir, env, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status ?? -1, stdout: r.stdout, summary: readFileSync(summaryFile, 'utf8') };
}

describe.skipIf(!existsSync(MAIN))('dist/action/main.js with the real pai', () => {
  it('valid manifests: exit 0 and a passed summary', () => {
    const r = runMain({ INPUT_MODE: 'validate', INPUT_PATH: 'fixtures/valid/docs-example' });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^pai: .*no problems/m);
    expect(r.summary).toContain('### pai validate: passed');
  });

  it('an invalid manifest: an annotation on its line and exit 1', () => {
    const r = runMain({ INPUT_MODE: 'validate', INPUT_PATH: 'fixtures/invalid/unknown-kind' });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('::error file=fixtures/invalid/unknown-kind/input.yaml,line=2,');
    expect(r.summary).toContain('### pai validate: failed');
  });

  it('plan without a server fails at once with a clear error, before running pai', () => {
    const r = runMain({ INPUT_MODE: 'plan', INPUT_PATH: 'fixtures/valid/docs-example' });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('::error title=pai::input "server" is required for mode plan: the URL of the pai control plane\n');
  });
});
