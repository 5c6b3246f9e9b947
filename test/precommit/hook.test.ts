/**
 * Runs the real `pre-commit` program (Debian package `pre-commit`, installed by .ci/run) against a
 * temporary git repository that uses this repository's .pre-commit-hooks.yaml via `try-repo`.
 * The `pai-validate-system` hook is used so the test needs no npm download: a `pai` shim on PATH
 * runs this checkout's bin/run.js.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PAI_BIN, REPO_ROOT } from '../helpers/cli.js';

const hasPreCommit = spawnSync('pre-commit', ['--version']).status === 0;

describe.runIf(hasPreCommit || process.env.CI)('pre-commit hook', () => {
  let repo: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(() => {
    const root = mkdtempSync(path.join(tmpdir(), 'pai-precommit-'));
    const binDir = path.join(root, 'bin');
    mkdirSync(binDir);
    writeFileSync(path.join(binDir, 'pai'), `#!/bin/sh\nexec "${process.execPath}" "${PAI_BIN}" "$@"\n`);
    chmodSync(path.join(binDir, 'pai'), 0o755);
    repo = path.join(root, 'config');
    cpSync(path.join(REPO_ROOT, 'fixtures/valid/docs-example'), repo, { recursive: true });
    // Other YAML a config repository holds: must be skipped, not reported.
    mkdirSync(path.join(repo, '.github/workflows'), { recursive: true });
    writeFileSync(path.join(repo, '.github/workflows/ci.yml'), 'name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n');
    writeFileSync(path.join(repo, 'deployment.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n');
    env = { ...process.env, PATH: `${binDir}:${process.env.PATH}`, PRE_COMMIT_HOME: path.join(root, 'cache'), NO_COLOR: '1' };
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, env });
    git('init', '-q');
    git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'add', '-A');
  });

  const run = () =>
    spawnSync('pre-commit', ['try-repo', REPO_ROOT, 'pai-validate-system', '--all-files', '--color', 'never'], { cwd: repo, env, encoding: 'utf8', timeout: 120_000 });

  it('passes on valid manifests and skips foreign YAML', () => {
    const res = run();
    expect(res.stdout + res.stderr).toMatch(/pai validate \(installed pai\)\.+Passed/);
    expect(res.status).toBe(0);
  });

  it('fails with the diagnostic code and location on a broken manifest', () => {
    writeFileSync(path.join(repo, 'broken.yaml'), 'apiVersion: pai.io/v1\nkind: Agent\nmetadata:\n  name: bot\nspec:\n  runAsUser: 0\n');
    execFileSync('git', ['add', 'broken.yaml'], { cwd: repo, env });
    const res = run();
    expect(res.status).toBe(1);
    expect(res.stdout).toContain('run-as-root');
    expect(res.stdout).toContain('broken.yaml:6:');
  });
});
