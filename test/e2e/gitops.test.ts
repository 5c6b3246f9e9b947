/**
 * Issue 5's "done when", end to end: the real CLI (plan, apply) against a real `pai server`
 * (127.0.0.1, ephemeral port, temp data dir), on a temporary git repository holding the example
 * configuration of the Pai documentation.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli, type CliResult } from '../helpers/cli.js';
import { freshDataDir } from '../helpers/data-dir.js';
import { startServer, type RunningServer } from '../helpers/server.js';

let server: RunningServer;
const work = mkdtempSync(path.join(tmpdir(), 'pai-gitops-'));
const repo = path.join(work, 'config-repo');
const configFile = path.join(work, 'config.json');
const SECRET_VALUE = 'sk-ant-CANARYgitops0123456789';

function pai(args: string[], opts: { input?: string } = {}): Promise<CliResult> {
  return runCli(args, { cwd: repo, env: { PAI_CONFIG: configFile, PAI_SERVER: undefined, PAI_TOKEN: undefined }, ...opts, timeoutMs: 120_000 });
}
/** Runs pai and expects success, showing its output when it fails. */
async function ok(args: string[], opts: { input?: string } = {}): Promise<CliResult> {
  const res = await pai(args, opts);
  expect(res.code, `pai ${args.join(' ')}\n${res.stdout}\n${res.stderr}`).toBe(0);
  return res;
}
function git(...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=ci', ...args], { cwd: repo, encoding: 'utf8' });
}
function commitAll(message: string): void {
  git('add', '-A');
  git('commit', '-qm', message);
}
function edit(file: string, from: string, to: string): void {
  const p = path.join(repo, file);
  const text = readFileSync(p, 'utf8');
  expect(text).toContain(from);
  writeFileSync(p, text.replace(from, to));
}

beforeAll(async () => {
  server = await startServer({ dataDir: await freshDataDir() });
  cpSync(path.join(REPO_ROOT, 'fixtures/valid/docs-example'), repo, { recursive: true });
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: repo });
  git('remote', 'add', 'origin', 'https://github.com/acme/pai-config.git');
  commitAll('initial configuration');
  await ok(['login', server.url, '--token', server.token]);
  // Secret values never live in git: they are created out of band.
  for (const [name, key] of [['anthropic-key', 'api-key'], ['gemini-key', 'api-key'], ['nvidia-key', 'api-key'], ['github-pat', 'token'], ['guard-token', 'token']]) {
    await ok(['create', 'secret', name!, '--from-literal', `${key}=${SECRET_VALUE}`]);
  }
});

afterAll(async () => {
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('pai plan and pai apply against a live control plane', () => {
  it('plans the example configuration as creates, applies it, then plans nothing (exit 0)', async () => {
    const first = await pai(['plan', '.', '--detailed-exitcode']);
    expect(first.code, first.stderr).toBe(2);
    expect(first.stdout).toMatch(/Plan: 9 to create, 0 to update, 0 to delete/);
    const apply = await pai(['apply', '.', '--auto-approve']);
    expect(apply.code, apply.stderr + apply.stdout).toBe(0);
    expect(apply.stdout).toMatch(/Apply complete: 9 applied/);
    const again = await pai(['plan', '.', '--detailed-exitcode']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/No changes/);
    const json = JSON.parse((await pai(['get', 'model-provider', 'nvidia', '-o', 'json'])).stdout);
    expect(json.metadata.annotations['pai.io/managed-by']).toBe('github.com/acme/pai-config#.');
    expect(json.metadata.annotations['pai.io/git-commit']).toMatch(/^[0-9a-f]{40}$/);
  });

  it('shows exactly a changed field (exit 2), with list items added and removed', async () => {
    edit('model-providers.yaml', 'maxTokensPerDay: 10000000', 'maxTokensPerDay: 20000000');
    edit('model-providers.yaml', '- qwen/qwen3-next-80b-a3b-instruct', '- deepseek-ai/deepseek-v4-flash-0731');
    edit('agents.yaml', 'nvidia/qwen/qwen3-next-80b-a3b-instruct', 'nvidia/deepseek-ai/deepseek-v4-flash-0731');
    commitAll('raise the gemini budget, swap a NIM model');
    const res = await pai(['plan', '.', '--detailed-exitcode', '--format', 'json']);
    expect(res.code, res.stderr).toBe(2);
    const plan = JSON.parse(res.stdout).plan;
    const updates = plan.changes.filter((c: { action: string }) => c.action === 'update');
    expect(updates.map((c: { key: { name: string } }) => c.key.name).sort()).toEqual(['google', 'nvidia', 'researcher']);
    const google = updates.find((c: { key: { name: string } }) => c.key.name === 'google');
    expect(google.changes).toEqual([{ path: 'spec.maxTokensPerDay', before: 10000000, after: 20000000 }]);
    const nvidia = updates.find((c: { key: { name: string } }) => c.key.name === 'nvidia');
    expect(nvidia.changes[0]).toMatchObject({ path: 'spec.allowedModels', added: ['deepseek-ai/deepseek-v4-flash-0731'], removed: ['qwen/qwen3-next-80b-a3b-instruct'] });
    await ok(['apply', '.', '--auto-approve']);
  });

  it('shows a live edit made by hand as drift, and apply reverts it', async () => {
    const handEdit = `apiVersion: pai.io/v1
kind: ModelProvider
metadata: {name: google}
spec:
  provider: gemini
  apiKeySecretRef: {name: gemini-key, key: api-key}
  maxTokensPerDay: 1
  maxTokensPerRequest: 1
`;
    await ok(['apply', '-f', '-'], { input: handEdit });
    const res = await pai(['plan', '.']);
    expect(res.stdout).toMatch(/drift|outside git/i);
    await ok(['apply', '.', '--auto-approve']);
    const live = JSON.parse((await pai(['get', 'mp', 'google', '-o', 'json'])).stdout);
    expect(live.spec.maxTokensPerDay).toBe(20000000);
    await ok(['plan', '.', '--detailed-exitcode']);
  });

  it('tells drift apart on many objects of a kind at once (read back with one LIST instead of a GET each)', async () => {
    const guard = (i: number, endpoint: string) => `apiVersion: pai.io/v1\nkind: GuardBinding\nmetadata: {name: bulk-${i}, namespace: bulk}\nspec:\n  classifier: {endpoint: "${endpoint}"}\n`;
    const count = 60; // more than GETS_BEFORE_A_LIST in src/cli/gitops/prepare.ts
    writeFileSync(path.join(repo, 'bulk-guards.yaml'), Array.from({ length: count }, (_, i) => guard(i, `https://guard.example.com/${i}`)).join('---\n'));
    commitAll('bulk guards');
    await ok(['apply', '.', '--auto-approve']);
    await ok(['apply', '-f', '-'], { input: Array.from({ length: count }, (_, i) => guard(i, `https://edited.example.com/${i}`)).join('---\n') });
    const res = await pai(['plan', '.', '--format', 'json']);
    expect(res.code, res.stderr).toBe(0);
    const updates = (JSON.parse(res.stdout).plan.changes as Array<{ key: { namespace: string }; action: string; drift: boolean }>).filter((c) => c.key.namespace === 'bulk');
    expect(updates).toHaveLength(count);
    expect(updates.every((c) => c.action === 'update' && c.drift)).toBe(true);
    await ok(['apply', '.', '--auto-approve']);
    await ok(['plan', '.', '--detailed-exitcode']);
  });

  it('deletes a removed resource only with --prune, and never a hand-made one', async () => {
    const handMade = 'apiVersion: pai.io/v1\nkind: GuardBinding\nmetadata: {name: made-by-hand}\nspec:\n  classifier: {endpoint: "https://guard.example.com/x"}\n';
    await ok(['apply', '-f', '-'], { input: handMade });
    // Remove the AccessKey from git.
    const services = readFileSync(path.join(repo, 'services.yaml'), 'utf8');
    writeFileSync(path.join(repo, 'services.yaml'), services.slice(0, services.indexOf('---\napiVersion: pai.io/v1\nkind: AccessKey')));
    commitAll('retire alice-laptop');
    const without = await pai(['plan', '.', '--detailed-exitcode', '--format', 'json']);
    expect(without.code, without.stderr).toBe(0);
    const planWithout = JSON.parse(without.stdout).plan;
    expect(planWithout.prunable).toEqual([{ kind: 'AccessKey', namespace: 'default', name: 'alice-laptop' }]);
    expect(planWithout.unmanaged).toContainEqual({ kind: 'GuardBinding', namespace: 'default', name: 'made-by-hand' });
    const pruned = await pai(['apply', '.', '--auto-approve', '--prune']);
    expect(pruned.code, pruned.stderr).toBe(0);
    expect(pruned.stdout).toMatch(/accesskey\/default\/alice-laptop deleted/);
    expect((await pai(['get', 'accesskey', 'alice-laptop'])).code).toBe(1);
    await ok(['get', 'guardbinding', 'made-by-hand']);
  });

  it('refuses a saved plan made stale by a live edit, and applies a fresh one exactly', async () => {
    edit('model-providers.yaml', 'maxTokensPerDay: 20000000', 'maxTokensPerDay: 30000000');
    commitAll('raise again');
    const planFile = path.join(work, 'plan.json');
    await ok(['plan', '.', '--out', planFile]);
    const handEdit = 'apiVersion: pai.io/v1\nkind: ModelProvider\nmetadata: {name: google}\nspec:\n  provider: gemini\n  apiKeySecretRef: {name: gemini-key, key: api-key}\n  maxTokensPerDay: 5\n';
    await ok(['apply', '-f', '-'], { input: handEdit });
    const stale = await pai(['apply', planFile]);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(/stale/);
    expect(stale.stderr).toMatch(/ModelProvider\/default\/google changed/);
    expect(JSON.parse((await pai(['get', 'mp', 'google', '-o', 'json'])).stdout).spec.maxTokensPerDay).toBe(5);
    await ok(['plan', '.', '--out', planFile]);
    const fresh = await pai(['apply', planFile]);
    expect(fresh.code, fresh.stderr).toBe(0);
    expect(JSON.parse((await pai(['get', 'mp', 'google', '-o', 'json'])).stdout).spec.maxTokensPerDay).toBe(30000000);
  });

  it('refuses a dirty tree without --allow-dirty, and never prompts without a terminal', async () => {
    edit('model-providers.yaml', 'maxTokensPerDay: 30000000', 'maxTokensPerDay: 40000000');
    const dirty = await pai(['apply', '.', '--auto-approve']);
    expect(dirty.code).toBe(1);
    expect(dirty.stderr).toMatch(/uncommitted changes/);
    const noTty = await pai(['apply', '.', '--allow-dirty']);
    expect(noTty.code).toBe(1);
    expect(noTty.stderr).toMatch(/no terminal/);
    git('checkout', '--', '.');
  });

  it('never shows a secret value in any plan or apply output', async () => {
    for (const format of ['text', 'json', 'markdown']) {
      const res = await pai(['plan', '.', '--format', format]);
      expect(res.stdout + res.stderr).not.toContain('CANARY');
    }
    expect(server.output()).not.toContain('CANARY');
  });
});

describe('an apply interrupted by a server crash converges when run again', () => {
  it('500 resources: kill the server mid-apply, restart, apply again: all there, none twice', async () => {
    const big = path.join(work, 'big-repo');
    mkdirSync(big, { recursive: true });
    const docs: string[] = [];
    for (let i = 0; i < 500; i++) docs.push(`apiVersion: pai.io/v1\nkind: GuardBinding\nmetadata:\n  name: guard-${i}\n  namespace: load\nspec:\n  classifier: {endpoint: "https://guard.example.com/${i}"}\n`);
    writeFileSync(path.join(big, 'guards.yaml'), docs.join('---\n'));
    const run = (args: string[]) => runCli(args, { cwd: big, env: { PAI_CONFIG: configFile, PAI_SERVER: undefined, PAI_TOKEN: undefined }, timeoutMs: 180_000 });
    const applying = run(['apply', '.', '--auto-approve', '--allow-dirty', '--format', 'json']);
    // Kill the server once some resources exist. Polled over HTTP, not with the CLI: 500 creates
    // take well under a second, less than a few CLI runs.
    for (let i = 0; i < 3000; i++) {
      const listed = await fetch(`${server.url}/v1/namespaces/load/guardbindings`, { headers: { authorization: `Bearer ${server.token}` } }).catch(() => undefined);
      const count = listed?.ok ? (((await listed.json()) as { items?: unknown[] }).items?.length ?? 0) : 0;
      if (count >= 20) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    await server.kill();
    const interrupted = await applying;
    expect(interrupted.code).toBe(1);
    server = await startServer({ dataDir: server.dataDir, token: server.token });
    await ok(['login', server.url, '--token', server.token]); // the restarted server has a new port
    const listedBefore = JSON.parse((await run(['get', 'guardbindings', '-n', 'load', '-o', 'json'])).stdout).items.length;
    expect(listedBefore).toBeGreaterThan(0);
    expect(listedBefore).toBeLessThan(500);
    const again = await run(['apply', '.', '--auto-approve', '--allow-dirty']);
    expect(again.code, again.stderr).toBe(0);
    const items = JSON.parse((await run(['get', 'guardbindings', '-n', 'load', '-o', 'json'])).stdout).items as Array<{ metadata: { name: string } }>;
    expect(items.length).toBe(500);
    expect(new Set(items.map((i) => i.metadata.name)).size).toBe(500);
    const final = await run(['plan', '.', '--detailed-exitcode']);
    expect(final.code, final.stderr).toBe(0);
  });
});
