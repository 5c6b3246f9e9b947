/**
 * `pai validate FILE...` (what pre-commit runs with the staged files): the named files are checked
 * against the whole configuration they belong to, and only their problems are reported.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../../helpers/cli.js';

function configRepo(options: { git: boolean }): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pai-files-'));
  cpSync(path.join(REPO_ROOT, 'fixtures/valid/docs-example'), path.join(dir, 'config'), { recursive: true });
  if (options.git) execFileSync('git', ['init', '-q'], { cwd: dir });
  return dir;
}

function replaceIn(file: string, from: string, to: string): void {
  const text = readFileSync(file, 'utf8');
  expect(text).toContain(from);
  writeFileSync(file, text.replace(from, to));
}

describe('pai validate FILE...', () => {
  it('resolves references of one named file against the rest of its git repository', async () => {
    const repo = configRepo({ git: true });
    const res = await runCli(['validate', 'agents.yaml'], { cwd: path.join(repo, 'config') });
    expect(res.stdout).not.toContain('unknown-model-provider');
    expect(res.code).toBe(0);
  });

  it('reports and counts only the named files; problems elsewhere are a note on stderr', async () => {
    const repo = configRepo({ git: true });
    writeFileSync(path.join(repo, 'config/more.yaml'), 'apiVersion: pai.io/v1\nkind: Secret\nmetadata: {name: extra}\nspec: {bogus: 1}\n');
    replaceIn(path.join(repo, 'config/agents.yaml'), 'models: [anthropic/claude-sonnet-4-6', 'models: [antropic/claude-sonnet-4-6');
    const agents = await runCli(['validate', '--format', 'json', 'config/agents.yaml'], { cwd: repo });
    const payload = JSON.parse(agents.stdout) as { diagnostics: Array<{ code: string; file: string; line: number }> };
    expect(payload.diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([['unknown-model-provider', 'config/agents.yaml', 7]]);
    expect(agents.stderr).toContain('1 more problem in other files of the configuration in . (run pai validate there to see them)');
    expect(agents.code).toBe(1);

    const providers = await runCli(['validate', 'config/model-providers.yaml'], { cwd: repo });
    expect(providers.stdout).toContain(': no problems');
    expect(providers.code).toBe(0);
  });

  it('--root names the configuration outside git; without it a lone file is all there is', async () => {
    const repo = configRepo({ git: false });
    const withRoot = await runCli(['validate', '--root', 'config', 'config/agents.yaml'], { cwd: repo });
    expect(withRoot.stdout).not.toContain('unknown-model-provider');
    expect(withRoot.code).toBe(0);
    const alone = await runCli(['validate', 'config/agents.yaml'], { cwd: repo });
    expect(alone.stdout).toContain('unknown-model-provider');
    expect(alone.code).toBe(1);
  });

  it('honours the .paiignore of the git top level', async () => {
    const repo = configRepo({ git: true });
    writeFileSync(path.join(repo, '.paiignore'), 'config/model-providers.yaml\n');
    const res = await runCli(['validate', 'config/agents.yaml'], { cwd: repo });
    expect(res.stdout).toContain('unknown-model-provider');
  });
});
