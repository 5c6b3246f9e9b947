import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../../helpers/cli.js';

describe('pai validate --changed --base REF', () => {
  it('annotates only files changed since the base, but the exit status counts every problem', async () => {
    const repo = mkdtempSync(path.join(tmpdir(), 'pai-changed-'));
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: repo });
    git('init', '-q');
    copyFileSync(path.join(REPO_ROOT, 'fixtures/invalid/run-as-root/input.yaml'), path.join(repo, 'old.yaml'));
    git('add', '-A');
    git('commit', '-qm', 'base');
    copyFileSync(path.join(REPO_ROOT, 'fixtures/invalid/schema-enum/input.yaml'), path.join(repo, 'new.yaml'));
    const res = await runCli(['validate', '--format', 'github', '--changed', '--base', 'HEAD', '.'], { cwd: repo });
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('::error file=new.yaml,');
    expect(res.stdout).not.toContain('old.yaml');
    expect(res.stderr).toContain('1 more problem in files not changed since HEAD');
  });

  it('an unknown base is a clear error', async () => {
    const res = await runCli(['validate', '--changed', '--base', 'no-such-ref', '.'], { cwd: REPO_ROOT });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/git does not know the base "no-such-ref"/);
  });
});
