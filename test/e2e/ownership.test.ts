/**
 * Issue 17, "who owns what": the real CLI against a real server, with several git checkouts of
 * configuration. One repository is one owner however its remote is spelled; another repository
 * never takes a resource over silently (a conflict at the resource's line, unless --adopt), and
 * never prunes what it does not own.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli.js';
import { freshDataDir } from '../helpers/data-dir.js';
import { startServer, type RunningServer } from '../helpers/server.js';

let server: RunningServer;
const work = mkdtempSync(path.join(tmpdir(), 'pai-ownership-'));
const configFile = path.join(work, 'config.json');

const SHARED = `apiVersion: pai.io/v1
kind: Secret
metadata: {name: shared-key}
spec: {}
---
apiVersion: pai.io/v1
kind: ModelProvider
metadata: {name: shared}
spec:
  provider: anthropic
  apiKeySecretRef: {name: shared-key, key: api-key}
  maxTokensPerDay: 100000
`;

/** A git checkout holding `files`, with `origin` set to `remote` (none when undefined). */
function checkout(name: string, remote: string | undefined, files: Record<string, string>): string {
  const dir = path.join(work, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(path.join(dir, file), text);
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=ci', ...args], { cwd: dir });
  git('init', '-q', '-b', 'main');
  if (remote) git('remote', 'add', 'origin', remote);
  git('add', '-A');
  git('commit', '-qm', 'configuration');
  return dir;
}

function pai(cwd: string, args: string[]): Promise<CliResult> {
  return runCli(args, { cwd, env: { PAI_CONFIG: configFile, PAI_SERVER: undefined, PAI_TOKEN: undefined }, timeoutMs: 60_000 });
}

async function annotation(cwd: string, kind: string, name: string): Promise<string> {
  const res = await pai(cwd, ['get', kind, name, '-o', 'json']);
  expect(res.code, res.stderr).toBe(0);
  return (JSON.parse(res.stdout) as { metadata: { annotations: Record<string, string> } }).metadata.annotations['pai.io/managed-by']!;
}

let first: string;

beforeAll(async () => {
  server = await startServer({ dataDir: await freshDataDir() });
  first = checkout('first', 'https://github.com/acme/pai-config.git', { 'config.yaml': SHARED });
  expect((await pai(first, ['login', server.url, '--token', server.token])).code).toBe(0);
  const applied = await pai(first, ['apply', '.', '--auto-approve']);
  expect(applied.code, applied.stderr).toBe(0);
});

afterAll(async () => {
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('one repository, one owner', () => {
  it('records the remote as host/owner/repo', async () => {
    expect(await annotation(first, 'model-provider', 'shared')).toBe('github.com/acme/pai-config#.');
  });

  it.each([
    ['scp-like', 'git@github.com:acme/pai-config.git'],
    ['ssh:// with upper-case host and a port', 'ssh://git@GitHub.com:22/acme/pai-config'],
    ['https with credentials and a trailing slash', 'https://ci-bot:ghp_x@github.com/acme/pai-config/'],
  ])('a clone whose remote is spelled %s plans no change', async (_name, remote) => {
    const clone = checkout(`clone-${Math.random().toString(36).slice(2)}`, remote, { 'config.yaml': SHARED });
    const res = await pai(clone, ['plan', '.', '--detailed-exitcode']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
  });
});

describe('another repository', () => {
  it('cannot take a resource over silently: the plan fails at the resource, naming the owner', async () => {
    const other = checkout('other', 'https://github.com/acme/other-config', { 'providers.yaml': SHARED });
    const res = await pai(other, ['plan', '.']);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('owned-by-another-source');
    expect(res.stderr).toMatch(/providers\.yaml:8:\d+/);
    expect(res.stderr).toContain('github.com/acme/pai-config#.');
    expect(res.stderr).toContain('--adopt');
    const apply = await pai(other, ['apply', '.', '--auto-approve']);
    expect(apply.code).toBe(1);
    expect(await annotation(first, 'model-provider', 'shared')).toBe('github.com/acme/pai-config#.');
  });

  it('takes it over with --adopt, showing the change of owner, and the first repository then sees the conflict', async () => {
    const other = path.join(work, 'other');
    const plan = await pai(other, ['plan', '.', '--adopt', '--format', 'json']);
    expect(plan.code, plan.stderr).toBe(0);
    const changes = (JSON.parse(plan.stdout) as { plan: { changes: { key: { name: string }; action: string; changes: { path: string; before: string; after: string }[] }[] } }).plan.changes;
    expect(changes.find((c) => c.key.name === 'shared')).toMatchObject({
      action: 'update',
      changes: [{ path: 'metadata.annotations.pai.io/managed-by', before: 'github.com/acme/pai-config#.', after: 'github.com/acme/other-config#.' }],
    });
    expect((await pai(other, ['apply', '.', '--auto-approve', '--adopt'])).code).toBe(0);
    expect(await annotation(other, 'model-provider', 'shared')).toBe('github.com/acme/other-config#.');
    const back = await pai(first, ['plan', '.']);
    expect(back.code).toBe(1);
    expect(back.stderr).toContain('owned-by-another-source');
    // Hand it back for the tests after this one.
    expect((await pai(first, ['apply', '.', '--auto-approve', '--adopt'])).code).toBe(0);
  });

  it('never prunes what another source applied', async () => {
    const lonely = checkout('lonely', 'https://github.com/acme/lonely', {
      'secret.yaml': 'apiVersion: pai.io/v1\nkind: Secret\nmetadata: {name: lonely-key}\nspec: {}\n',
    });
    expect((await pai(lonely, ['apply', '.', '--auto-approve'])).code).toBe(0);
    const res = await pai(lonely, ['plan', '.', '--prune', '--format', 'json']);
    expect(res.code, res.stderr).toBe(0);
    const { plan } = JSON.parse(res.stdout) as { plan: { changes: { action: string }[]; unmanaged: { name: string }[] } };
    expect(plan.changes.filter((c) => c.action === 'delete')).toEqual([]);
    expect(plan.unmanaged.map((k) => k.name)).toEqual(expect.arrayContaining(['shared', 'shared-key']));
  });
});

describe('naming the source', () => {
  it('reads annotations written with the raw remote URL (older pai) as the same owner', async () => {
    const legacy = checkout('legacy', 'git@github.com:acme/legacy-config.git', {
      'secret.yaml': 'apiVersion: pai.io/v1\nkind: Secret\nmetadata: {name: legacy-key}\nspec: {}\n',
    });
    const manifest = 'apiVersion: pai.io/v1\nkind: Secret\nmetadata:\n  name: legacy-key\n  annotations: {pai.io/managed-by: "git@github.com:acme/legacy-config#."}\nspec: {}\n';
    writeFileSync(path.join(work, 'legacy-manifest.yaml'), manifest);
    expect((await pai(legacy, ['apply', '-f', path.join(work, 'legacy-manifest.yaml')])).code).toBe(0);
    const res = await pai(legacy, ['plan', '.']);
    expect(res.stderr).not.toContain('owned-by-another-source');
    expect(res.code).toBe(0);
  });

  it('--source and `source:` in .pai.yaml name a checkout without a remote', async () => {
    const bare = checkout('bare', undefined, {
      '.pai.yaml': 'source: acme/named # the repository as the organisation knows it\n',
      'secret.yaml': 'apiVersion: pai.io/v1\nkind: Secret\nmetadata: {name: named-key}\nspec: {}\n',
    });
    expect((await pai(bare, ['apply', '.', '--auto-approve'])).code).toBe(0);
    expect(await annotation(bare, 'secret', 'named-key')).toBe('acme/named#.');
    const flagged = await pai(bare, ['plan', '.', '--source', 'acme/renamed']);
    expect(flagged.code).toBe(1);
    expect(flagged.stderr).toContain('managed by acme/named#.');
  });
});

describe('annotations from the plan (what the GitHub Action posts)', () => {
  it('a Secret present in the control plane is not warned about; a missing one is an error at its reference', async () => {
    const repo = checkout('annotated', 'https://github.com/acme/annotated', {
      'present.yaml': 'apiVersion: pai.io/v1\nkind: ModelProvider\nmetadata: {name: annotated}\nspec:\n  provider: anthropic\n  apiKeySecretRef: {name: made-out-of-band, key: api-key}\n',
      'missing.yaml': 'apiVersion: pai.io/v1\nkind: ModelProvider\nmetadata: {name: orphan}\nspec:\n  provider: anthropic\n  apiKeySecretRef: {name: never-created, key: api-key}\n',
    });
    expect((await pai(repo, ['create', 'secret', 'made-out-of-band', '--from-literal', 'api-key=value-of-no-known-shape'])).code).toBe(0);
    const res = await pai(repo, ['plan', '.', '--format', 'json', '--diagnostics-format', 'github']);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/^::error file=missing\.yaml,line=6,[^\n]*unresolved-secret[^\n]*never-created/m);
    expect(res.stderr).not.toContain('made-out-of-band');
    expect(res.stderr).not.toContain('value-of-no-known-shape');
  });
});
