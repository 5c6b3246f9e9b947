/**
 * Issue 7, end to end: three `pai server` replicas (127.0.0.1, ephemeral ports) on one PostgreSQL
 * database, started at the same moment on a fresh database; GitOps through one replica read back
 * through another; one replica killed in the middle of a burst of writes; 600 gateway requests
 * over three replicas against a daily cap of 3,000 tokens, one replica killed mid-burst (issue 12).
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import OpenAI from 'openai';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/server/store/migrations.js';
import { REPO_ROOT, runCli, type CliResult } from '../helpers/cli.js';
import { postgresForTests, type TestPostgres } from '../helpers/postgres.js';
import { FakeUpstream } from '../helpers/fake-upstream.js';
import { startServer, type RunningServer } from '../helpers/server.js';
import { apiClient } from '../server/http/api-client.js';

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
  replicas = await Promise.all([0, 1, 2].map(() => startReplica()));
}, 120_000);
afterAll(async () => {
  await Promise.all(replicas.map((r) => r.stop()));
  await cluster?.stop();
  rmSync(work, { recursive: true, force: true });
});
beforeEach((ctx) => {
  if (!cluster) ctx.skip(); // no PostgreSQL on this developer machine
});

/** One more replica on the shared database, with the shared secret key. */
function startReplica(): Promise<RunningServer> {
  return startServer({ token, args: ['--database-url', databaseUrl, '--secret-key-file', keyFile], env: { PAI_SECRET_KEY: '' } });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
    // The Secret the ModelProviders name exists first (the server refuses dangling references).
    const secret = { apiVersion: 'pai.io/v1', kind: 'Secret', metadata: { name: 'anthropic-key' }, spec: { stringData: { 'api-key': SECRET_VALUE } } };
    expect((await api(a, 'PUT', '/v1/namespaces/burst/secrets/anthropic-key', secret)).status).toBe(201);
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

  it('600 concurrent gateway requests over three replicas on a 3,000 cap, one replica killed mid-burst, 200 more through the survivors: 2,400–3,000 served, every replica serves, every refusal honest', async () => {
    // Three live replicas: the first two, and one that joins now in place of the replica the test above killed.
    const joined = await startReplica();
    replicas.push(joined);
    const trio = [replicas[0]!, replicas[1]!, joined];
    const VICTIM = 1; // trio[1] is killed; trio[0] and trio[2] survive
    const upstream = await new FakeUpstream().start();
    try {
      // Replica i is sent model mi, so the upstream can tell which replica a call came through.
      // A call reserves its prompt's bound (30 tokens for "hi") + max_tokens 100 and uses 110.
      const CAP = 3_000;
      const COST = 110;
      const usage = { prompt: COST - 100, completion: 'max' as const };
      upstream.behave('*', { usage });

      const admin = apiClient(trio[0]!);
      expect((await admin.put('/v1/namespaces/default/secrets/race-upstream-key', { kind: 'Secret', metadata: { name: 'race-upstream-key' }, spec: { stringData: { 'api-key': 'sk-fake' } } })).status).toBe(201);
      const provider = (name: string, models: string[], cap?: number) => ({
        kind: 'ModelProvider',
        metadata: { name },
        spec: { provider: 'openai', endpoint: `${upstream.url}/v1`, apiKeySecretRef: { name: 'race-upstream-key' }, allowedModels: models, ...(cap ? { maxTokensPerDay: cap } : {}), externalAccess: { enabled: true } },
      });
      expect((await admin.put('/v1/namespaces/default/modelproviders/race', provider('race', ['m0', 'm1', 'm2'], CAP))).status).toBe(201);
      expect((await admin.put('/v1/namespaces/default/modelproviders/free', provider('free', ['m']))).status).toBe(201);
      const minted = await admin.post('/v1/namespaces/default/accesskeys/racer/keys', { create: { kind: 'AccessKey', metadata: { name: 'racer' }, spec: { modelProviders: ['race', 'free'] } } });
      expect(minted.status).toBe(201);
      const key: string = minted.body.key;

      type Outcome = { target: number; status: number; code?: string; tokens: number } | { target: number; error: string };
      const clients = trio.map((r) => new OpenAI({ apiKey: key, baseURL: `${r.url}/ext/v1`, maxRetries: 0, timeout: 60_000 }));
      const chat = (target: number, model: string): Promise<Outcome> =>
        clients[target]!.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }], max_tokens: 100 }).then(
          (r) => ({ target, status: 200, tokens: r.usage!.total_tokens }),
          (err: unknown) =>
            err instanceof OpenAI.APIConnectionError
              ? { target, error: String((err.cause as { code?: string } | undefined)?.code ?? err.message) }
              : { target, status: (err as InstanceType<typeof OpenAI.APIError>).status ?? 0, code: String((err as InstanceType<typeof OpenAI.APIError>).code), tokens: 0 },
        );
      const tokensOf = (outcomes: Outcome[]) => outcomes.reduce((sum, o) => sum + ('status' in o ? o.tokens : 0), 0);

      // One call through each replica (they see the new resources within their poll interval):
      // every replica serves.
      const warmUp = await Promise.all(
        trio.map(async (_, i) => {
          for (const deadline = Date.now() + 30_000; ; await sleep(200)) {
            const o = await chat(i, `race/m${i}`);
            if (('status' in o && o.status === 200) || Date.now() > deadline) return o;
          }
        }),
      );
      for (const o of warmUp) expect('status' in o && o.status === 200 && o.tokens, JSON.stringify(o)).toBe(COST);

      // The burst: 600 at once, round-robin. Upstream calls take 300 ms, so that calls through the
      // victim are still in flight when it is killed: as soon as the upstream has received two of them.
      upstream.behave('*', { usage, latencyMs: 300 });
      const seenBefore = upstream.seen.length;
      const victimCalls = () => upstream.seen.slice(seenBefore).filter((r) => r.body.model === `m${VICTIM}`).length;
      const burst = Promise.all(Array.from({ length: 600 }, (_, i) => chat(i % 3, `race/m${i % 3}`)));
      for (const deadline = Date.now() + 30_000; victimCalls() < 2 && Date.now() < deadline; ) await sleep(5);
      const victimWasBusy = victimCalls() >= 2;
      await trio[VICTIM]!.kill();
      const outcomes = await burst;
      const survivors = [0, 2];
      const after = await Promise.all(Array.from({ length: 200 }, (_, i) => chat(survivors[i % 2]!, `race/m${survivors[i % 2]}`)));

      expect(victimWasBusy, 'the victim replica got upstream calls of the burst in flight').toBe(true);
      const all = [...warmUp, ...outcomes, ...after];
      const refused = all.filter((o): o is Extract<Outcome, { status: number }> => 'status' in o && o.status !== 200);
      const broken = all.filter((o): o is Extract<Outcome, { error: string }> => 'error' in o);
      expect(refused.length).toBeGreaterThan(0);
      for (const r of refused) expect([r.status, r.code], JSON.stringify(r)).toEqual([429, expect.stringMatching(/^(daily_budget_exhausted|budget_busy)$/)]);
      // Connection errors only where the replica died: its requests in flight.
      expect(broken.length).toBeGreaterThan(0);
      for (const b of broken) expect(b.target, b.error).toBe(VICTIM);
      for (const i of [0, 1, 2]) expect(all.some((o) => o.target === i && 'status' in o && o.status === 200), `replica ${i} served`).toBe(true);

      // What the upstream served (every call it received, the victim's unanswered ones too): within
      // the cap, and most of it — the crash cost the victim's reservations in flight and its small lease.
      const upstreamServed = upstream.seen.filter((r) => /^m[012]$/.test(String(r.body.model))).length * COST;
      expect(upstreamServed).toBeLessThanOrEqual(CAP);
      expect(upstreamServed).toBeGreaterThanOrEqual(2_400);
      const served = tokensOf(all);
      expect(served).toBeLessThanOrEqual(upstreamServed);

      // The survivors serve on uncapped traffic.
      for (const i of survivors) {
        const o = await chat(i, 'free/m');
        expect('status' in o && o.status, JSON.stringify(o)).toBe(200);
      }
      const today = new Date().toISOString().slice(0, 10);
      const [row] = await sql<{ used: string; reserved: string; cap: string }>(`SELECT used, reserved, cap FROM budget_usage WHERE scope = 'mp:default/race' AND period = '${today}'`);
      expect(Number(row!.cap)).toBe(CAP);
      // Everything served is counted (as used, or still inside a lease: the victim's are charged
      // when they expire), and nothing beyond the cap was ever reserved.
      expect(Number(row!.used) + Number(row!.reserved)).toBeGreaterThanOrEqual(served);
      expect(Number(row!.used) + Number(row!.reserved)).toBeLessThanOrEqual(CAP);

      // What the servers report (`pai get mp race`'s status): the survivors' calls once flushed, never past the cap.
      const servedBySurvivors = tokensOf(all.filter((o) => o.target !== VICTIM));
      let reported = 0;
      for (const deadline = Date.now() + 20_000; Date.now() < deadline; await sleep(250)) {
        reported = (await apiClient(trio[2]!).get('/v1/namespaces/default/modelproviders/race')).body.status.tokensUsedToday;
        if (reported >= servedBySurvivors) break;
      }
      expect(reported).toBeGreaterThanOrEqual(servedBySurvivors);
      expect(reported).toBeLessThanOrEqual(CAP);
      for (const i of survivors) expect((await fetch(`${trio[i]!.url}/healthz`)).status).toBe(200);
      for (const r of trio) expect(r.output()).not.toContain(key);
    } finally {
      await upstream.stop();
    }
  }, 120_000);
});
