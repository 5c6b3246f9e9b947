/**
 * Issue 7, end to end: three `pai server` replicas (127.0.0.1, ephemeral ports) on one PostgreSQL
 * database, started at the same moment on a fresh database; GitOps through one replica read back
 * through another; one replica killed in the middle of a burst of writes.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { REPO_ROOT, runCli, type CliResult } from '../helpers/cli.js';
import { postgresForTests, type TestPostgres } from '../helpers/postgres.js';
import { startServer, type RunningServer } from '../helpers/server.js';

let cluster: TestPostgres | undefined;
let databaseUrl: string;
let replicas: RunningServer[] = [];
const work = mkdtempSync(path.join(tmpdir(), 'pai-replicas-'));
const keyFile = path.join(work, 'secret.key');
const token = `pai_tok_${randomBytes(24).toString('hex')}`;
const SECRET_VALUE = 'sk-ant-CANARYreplicas0123456789';

beforeAll(async () => {
  cluster = await postgresForTests();
  if (!cluster) return;
  databaseUrl = await cluster.createDatabase();
  writeFileSync(keyFile, randomBytes(32), { mode: 0o600 });
  // All three at once on a database with no schema yet: they race to migrate and to bootstrap.
  replicas = await Promise.all(
    [0, 1, 2].map(() => startServer({ token, args: ['--database-url', databaseUrl, '--secret-key-file', keyFile], env: { PAI_SECRET_KEY: '' } })),
  );
}, 120_000);
afterAll(async () => {
  await Promise.all(replicas.map((r) => r.stop()));
  await cluster?.stop();
  rmSync(work, { recursive: true, force: true });
});
beforeEach((ctx) => {
  if (!cluster) ctx.skip(); // no PostgreSQL on this developer machine
});

async function sql<R>(text: string): Promise<R[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(text)).rows as R[];
  } finally {
    await client.end();
  }
}

function api(server: RunningServer, method: string, urlPath: string, body?: unknown): Promise<Response> {
  return fetch(server.url + urlPath, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

function modelProvider(namespace: string, name: string): unknown {
  return { apiVersion: 'pai.io/v1', kind: 'ModelProvider', metadata: { name, namespace }, spec: { provider: 'anthropic', apiKeySecretRef: { name: 'anthropic-key', key: 'api-key' }, maxTokensPerDay: 1000 } };
}

describe('three pai server replicas on one PostgreSQL', () => {
  it('all come up although they started together on a fresh database: each migration applied once, one first token', async () => {
    expect(replicas).toHaveLength(3);
    const migrations = await sql<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(migrations.map((m) => m.version)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(await sql<{ name: string }>('SELECT name FROM admin_tokens')).toEqual([{ name: 'admin' }]);
    expect(replicas.filter((r) => r.output().includes('created the first admin token'))).toHaveLength(1);
    for (const r of replicas) expect((await api(r, 'GET', '/v1/whoami')).status).toBe(200);
  });

  it('plan/apply through one replica (the real CLI), read back through the others', async () => {
    const repo = path.join(work, 'config');
    cpSync(path.join(REPO_ROOT, 'fixtures/valid/docs-example'), repo, { recursive: true });
    const env = { PAI_CONFIG: path.join(work, 'config.json'), PAI_SERVER: undefined, PAI_TOKEN: undefined };
    const pai = async (args: string[], extraEnv: Record<string, string> = {}): Promise<CliResult> => {
      const res = await runCli(args, { cwd: repo, env: { ...env, ...extraEnv }, timeoutMs: 120_000 });
      expect(res.code, `pai ${args.join(' ')}\n${res.stdout}\n${res.stderr}`).toBe(0);
      return res;
    };
    const [a, b, c] = replicas as [RunningServer, RunningServer, RunningServer];
    await pai(['login', a.url, '--token', token]);
    for (const [name, key] of [['anthropic-key', 'api-key'], ['gemini-key', 'api-key'], ['nvidia-key', 'api-key'], ['github-pat', 'token'], ['guard-token', 'token']]) {
      await pai(['create', 'secret', name!, '--from-literal', `${key}=${SECRET_VALUE}`]);
    }
    expect((await pai(['apply', repo, '--auto-approve', '--allow-dirty'])).stdout).toMatch(/Apply complete: 9 applied/);
    const viaA = JSON.parse((await pai(['get', 'model-provider', 'nvidia', '-o', 'json'])).stdout);
    const viaB = JSON.parse((await pai(['get', 'model-provider', 'nvidia', '-o', 'json'], { PAI_SERVER: b.url, PAI_TOKEN: token })).stdout);
    expect(viaB).toEqual(viaA);
    // A third replica plans nothing: it sees exactly what the first applied, secrets included.
    const plan = await pai(['plan', repo], { PAI_SERVER: c.url, PAI_TOKEN: token });
    expect(plan.stdout).toMatch(/No changes/);
    for (const r of replicas) expect(r.output()).not.toContain(SECRET_VALUE);
  });

  it('a token revoked through one replica is refused by the others at once', async () => {
    const [a, b, c] = replicas as [RunningServer, RunningServer, RunningServer];
    const created = (await (await api(a, 'POST', '/v1/tokens', { name: 'short-lived' })).json()) as { token: string };
    const whoami = (r: RunningServer) => fetch(`${r.url}/v1/whoami`, { headers: { authorization: `Bearer ${created.token}` } });
    expect((await whoami(b)).status).toBe(200);
    expect((await whoami(c)).status).toBe(200);
    expect((await api(a, 'DELETE', '/v1/tokens/short-lived')).status).toBe(200);
    expect((await whoami(b)).status).toBe(401);
    expect((await whoami(c)).status).toBe(401);
  });

  it('a replica killed in the middle of 300 concurrent creates: the other two serve on, nothing is lost or duplicated', async () => {
    const [a, b] = replicas as [RunningServer, RunningServer, RunningServer];
    const victim = replicas[2]!;
    const TOTAL = 300;
    const acknowledged = new Map<string, { uid: string; resourceVersion: string }>();
    const failed: string[] = [];
    const reasons = new Set<string>();
    let next = 0;
    let done = 0;
    let killing: Promise<void> | undefined;
    const worker = async (): Promise<void> => {
      while (next < TOTAL) {
        const i = next++;
        const name = `mp-${i}`;
        try {
          const res = await api(replicas[i % 3]!, 'POST', '/v1/namespaces/burst/modelproviders', modelProvider('burst', name));
          const body = (await res.json()) as { metadata: { uid: string; resourceVersion: string } };
          if (res.status !== 201) throw new Error(`status ${res.status}`);
          acknowledged.set(name, body.metadata);
        } catch (err) {
          failed.push(name); // the connection to the killed replica broke, or it was refused
          reasons.add(String((err as Error).cause ?? (err as Error).message));
        }
        if (++done === TOTAL / 3) killing = victim.kill();
      }
    };
    await Promise.all(Array.from({ length: 30 }, worker));
    await killing;
    expect(acknowledged.size, [...reasons].join('; ')).toBeGreaterThanOrEqual(TOTAL / 3);
    expect(failed.length).toBeGreaterThan(0); // the kill really happened mid-load

    // Every acknowledged create is there, as acknowledged; no name twice, no uid twice.
    const items = ((await (await api(a, 'GET', '/v1/namespaces/burst/modelproviders')).json()) as { items: Array<{ metadata: { name: string; uid: string; resourceVersion: string } }> })
      .items;
    const byName = new Map(items.map((i) => [i.metadata.name, i.metadata]));
    expect(byName.size).toBe(items.length);
    expect(new Set(items.map((i) => i.metadata.uid)).size).toBe(items.length);
    for (const [name, meta] of acknowledged) expect(byName.get(name), name).toMatchObject(meta);

    // The creates that got no answer are retried on the survivors: each either landed before the
    // kill (409) or lands now (201). Afterwards all 300 exist, exactly once.
    for (const [i, name] of failed.entries()) {
      const res = await api(i % 2 ? a : b, 'POST', '/v1/namespaces/burst/modelproviders', modelProvider('burst', name));
      expect([201, 409], name).toContain(res.status);
    }
    const after = ((await (await api(b, 'GET', '/v1/namespaces/burst/modelproviders')).json()) as { items: Array<{ metadata: { name: string } }> }).items;
    expect(after.map((i) => i.metadata.name).sort()).toEqual(Array.from({ length: TOTAL }, (_, i) => `mp-${i}`).sort());
    for (const r of [a, b]) expect((await fetch(`${r.url}/healthz`)).status).toBe(200);
  });

  // The budget check needs the LLM gateway (issue 6: src/gateway, POST /ext/v1/chat/completions,
  // budgets with reservations in SQL). When it lands: 600 concurrent gateway requests spread over
  // the replicas against a cap that fits 100 → usage ≤ cap; kill one replica mid-load → the other
  // two serve and the budget is still exact (unsettled reservations expire).
  it.todo('600 concurrent gateway requests over three replicas against a cap that fits 100: usage never passes the cap (needs the gateway, issue 6)');
});
