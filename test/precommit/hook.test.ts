/**
 * The pre-commit hook as users install it: the real `pre-commit` program (Debian package
 * `pre-commit`, installed by .ci/run) runs exactly the README's `.pre-commit-config.yaml` snippet,
 * pointed at a git repository holding this working tree at a commit. pre-commit clones it and
 * installs pai with `language: node` (npm install, npm pack, npm install -g), as it does from
 * GitHub. Commits then go through `git commit`, which runs the hook on the staged files.
 * `pai-validate-system` (the `pai` on PATH) is run through `pre-commit try-repo` with a `pai` shim
 * that starts this checkout's bin/run.js.
 * The install takes minutes (npm install and two builds), so PRE_COMMIT_HOME is shared by the
 * tests of this file.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PAI_BIN, REPO_ROOT, runProcess } from '../helpers/cli.js';

const hasPreCommit = spawnSync('pre-commit', ['--version']).status === 0;
const INSTALL_TIMEOUT_MS = 15 * 60_000;

/** The `.pre-commit-config.yaml` the README tells users to write. */
function readmeSnippet(): string {
  const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const block = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!).find((b) => b.includes('id: pai-validate'));
  if (!block) throw new Error('README.md has no ```yaml block with the pai-validate hook');
  const indent = Math.min(...block.split('\n').filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
  return block.split('\n').map((l) => l.slice(indent)).join('\n').trimEnd() + '\n';
}

/** This working tree (tracked and new files, as git would publish them) committed in a repository of its own. */
function snapshotRepository(dir: string): string {
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO_ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const file of files) {
    const from = path.join(REPO_ROOT, file);
    const to = path.join(dir, file);
    mkdirSync(path.dirname(to), { recursive: true });
    try {
      copyFileSync(from, to);
    } catch {
      // deleted in the working tree but still in the index: not part of the snapshot
    }
  }
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
  git('init', '-q');
  git('add', '-A');
  git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-q', '-m', 'snapshot');
  return git('rev-parse', 'HEAD');
}

describe.runIf(hasPreCommit || process.env.CI)('pre-commit hook', () => {
  let root: string;
  let repo: string;
  let source: string;
  let env: Record<string, string | undefined>;
  const git = (...args: string[]) => runProcess('git', args, { cwd: repo, env, timeoutMs: INSTALL_TIMEOUT_MS });
  const edit = (file: string, from: string, to: string) => {
    const abs = path.join(repo, file);
    const text = readFileSync(abs, 'utf8');
    expect(text).toContain(from);
    writeFileSync(abs, text.replace(from, to));
  };

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'pai-precommit-'));
    source = path.join(root, 'pai');
    mkdirSync(source);
    const rev = snapshotRepository(source);

    repo = path.join(root, 'config');
    cpSync(path.join(REPO_ROOT, 'fixtures/valid/docs-example'), repo, { recursive: true });
    // Other YAML a config repository holds: must be skipped, not reported.
    mkdirSync(path.join(repo, '.github/workflows'), { recursive: true });
    writeFileSync(path.join(repo, '.github/workflows/ci.yml'), 'name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n');
    writeFileSync(path.join(repo, 'deployment.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n');
    const snippet = readmeSnippet().replace('https://github.com/pai-dev/pai', source).replace(/rev: \S+/, `rev: ${rev}`);
    writeFileSync(path.join(repo, '.pre-commit-config.yaml'), snippet);

    const binDir = path.join(root, 'bin');
    mkdirSync(binDir);
    writeFileSync(path.join(binDir, 'pai'), `#!/bin/sh\nexec "${process.execPath}" "${PAI_BIN}" "$@"\n`);
    chmodSync(path.join(binDir, 'pai'), 0o755);
    env = {
      PATH: `${binDir}:${process.env.PATH}`,
      PRE_COMMIT_HOME: path.join(root, 'cache'),
      PRE_COMMIT_COLOR: 'never',
      NO_COLOR: '1',
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.com',
    };
    for (const args of [['init', '-q'], ['add', '-A'], ['commit', '-q', '-m', 'config']]) expect((await git(...args)).code).toBe(0);
    const started = Date.now();
    const install = await runProcess('pre-commit', ['install', '--install-hooks'], { cwd: repo, env, timeoutMs: INSTALL_TIMEOUT_MS });
    expect(install.stdout + install.stderr, 'pre-commit installs the hook from the README').toContain('pre-commit installed');
    expect(install.code, install.stdout + install.stderr).toBe(0);
    console.info(`pre-commit install --install-hooks (language: node, first install): ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }, INSTALL_TIMEOUT_MS);

  it('a staged one-file change passes: references resolve against the whole repository', async () => {
    edit('agents.yaml', 'maxPerDay: 500000', 'maxPerDay: 400000');
    expect((await git('add', 'agents.yaml')).code).toBe(0);
    const started = Date.now();
    const res = await git('commit', '-m', 'lower the budget');
    console.info(`git commit with the installed hook (warm): ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect(res.stdout + res.stderr).toMatch(/pai validate\.+Passed/);
    expect(res.code, res.stdout + res.stderr).toBe(0);
  });

  it('a staged bad reference fails at its line', async () => {
    edit('agents.yaml', 'models: [anthropic/claude-sonnet-4-6', 'models: [antropic/claude-sonnet-4-6');
    expect((await git('add', 'agents.yaml')).code).toBe(0);
    const res = await git('commit', '-m', 'typo');
    const output = res.stdout + res.stderr;
    expect(output).toMatch(/pai validate\.+Failed/);
    expect(output).toContain('agents.yaml:7:12');
    expect(output).toContain('unknown-model-provider');
    expect(output).toContain('did you mean "anthropic/claude-sonnet-4-6"?');
    expect(res.code).not.toBe(0);
    expect((await git('reset', '-q', '--hard')).code).toBe(0);
  });

  it('pai-validate-system (the pai on PATH) passes valid files and fails a broken one at its line', async () => {
    const tryRepo = (...files: string[]) => runProcess('pre-commit', ['try-repo', source, 'pai-validate-system', '--color', 'never', '--files', ...files], { cwd: repo, env, timeoutMs: 120_000 });
    const ok = await tryRepo('agents.yaml', '.github/workflows/ci.yml', 'deployment.yaml');
    expect(ok.stdout + ok.stderr).toMatch(/pai validate \(installed pai\)\.+Passed/);
    expect(ok.code).toBe(0);
    writeFileSync(path.join(repo, 'broken.yaml'), 'apiVersion: pai.io/v1\nkind: Agent\nmetadata:\n  name: bot\nspec:\n  runAsUser: 0\n');
    expect((await git('add', 'broken.yaml')).code).toBe(0);
    const bad = await tryRepo('broken.yaml');
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('run-as-root');
    expect(bad.stdout).toContain('broken.yaml:6:');
  });
});
