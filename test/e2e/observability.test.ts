/**
 * Issue 18, end to end as users see it: real `pai server`s (PGlite, then three replicas on one
 * PostgreSQL), traffic through the gateway with the official openai SDK to the fake upstream,
 * then `pai usage` and `pai logs` (the real CLI) and a Prometheus scrape of /metrics, checked
 * against the traffic sent; and a restart, after which usage and the log are still there.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileSchemaFile } from '../cli/render/diagnostics/schema-validator.js';
import { PAI_BIN, REPO_ROOT, runCli } from '../helpers/cli.js';
import { FakeUpstream } from '../helpers/fake-upstream.js';
import { postgresForTests, type TestPostgres } from '../helpers/postgres.js';
import { parsePrometheusText } from '../helpers/prometheus-text.js';
import { startServer, type RunningServer } from '../helpers/server.js';

const token = `pai_tok_${randomBytes(24).toString('hex')}`;
const validUsage = compileSchemaFile(path.join(REPO_ROOT, 'schemas/output/usage-report.schema.json'));
let upstream: FakeUpstream;

beforeAll(async () => {
  upstream = await new FakeUpstream().start();
  upstream.behave('m1', { usage: { prompt: 11, completion: 7 } });
});
afterAll(() => upstream.stop());

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

async function api(server: RunningServer, method: string, urlPath: string, body?: unknown): Promise<Response> {
  return fetch(server.url + urlPath, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** A provider with a daily cap, an Agent, and two keys: alice (a small cap) and bob (bound to the Agent). */
async function configure(server: RunningServer): Promise<{ alice: string; bob: string }> {
  const put = async (kind: string, name: string, spec: unknown) => {
    const res = await api(server, 'PUT', `/v1/namespaces/default/${kind.toLowerCase()}s/${name}`, { apiVersion: 'pai.io/v1', kind, metadata: { name, namespace: 'default' }, spec });
    expect(res.status, await res.clone().text()).toBeLessThan(300);
  };
  await put('Secret', 'main-key', { stringData: { 'api-key': 'sk-upstream-CANARY' } });
  await put('ModelProvider', 'main', { provider: 'openai', endpoint: `${upstream.url}/v1`, apiKeySecretRef: { name: 'main-key', key: 'api-key' }, externalAccess: { enabled: true }, allowedModels: ['m1'], maxTokensPerDay: 100_000 });
  await put('Agent', 'bot', { models: ['main/m1'], tokens: { maxPerDay: 50_000 } });
  await put('AccessKey', 'alice', { modelProviders: ['main'], maxTokensPerDay: 40 });
  await put('AccessKey', 'bob', { modelProviders: ['main'], agent: 'bot' });
  const mint = async (name: string) => ((await (await api(server, 'POST', `/v1/namespaces/default/accesskeys/${name}/keys`, {})).json()) as { key: string }).key;
  return { alice: await mint('alice'), bob: await mint('bob') };
}

const say = { model: 'main/m1', messages: [{ role: 'user' as const, content: 'hi' }], max_tokens: 5 };
const client = (server: RunningServer, key: string) => new OpenAI({ apiKey: key, baseURL: `${server.url}/ext/v1`, maxRetries: 0 });

/** alice: one served request (18 tokens), then one refused (her cap leaves 22 < 35); bob: `bobRequests` streamed ones across `servers`. */
async function traffic(servers: RunningServer[], keys: { alice: string; bob: string }, bobRequests: number): Promise<void> {
  await client(servers[0]!, keys.alice).chat.completions.create(say);
  await expect(client(servers[0]!, keys.alice).chat.completions.create(say)).rejects.toMatchObject({ status: 429 });
  for (let i = 0; i < bobRequests; i++) {
    const stream = await client(servers[i % servers.length]!, keys.bob).chat.completions.create({ ...say, stream: true });
    for await (const _ of stream);
  }
}

function pai(server: RunningServer, args: string[]) {
  return runCli(args, { env: { PAI_SERVER: server.url, PAI_TOKEN: token, PAI_CONFIG: path.join(tmpdir(), 'pai-obs-no-config.json') }, timeoutMs: 60_000 });
}

/** `pai usage --by access-key --json` and `pai logs --json` agree with the traffic sent. */
async function expectCliSeesTraffic(server: RunningServer, bobRequests: number): Promise<void> {
  const usage = await pai(server, ['usage', '--by', 'access-key', '--days', '3', '--json']);
  expect(usage.code, usage.stderr).toBe(0);
  const report = JSON.parse(usage.stdout);
  expect(report.formatVersion).toBe(1);
  const { formatVersion: _, ...body } = report;
  expect(validUsage(body), JSON.stringify(validUsage.errors)).toBe(true);
  const today = (name: string) => report.items.find((i: { name: string }) => i.name === name);
  expect(today('default/alice')).toMatchObject({ cap: 40, today: { used: 18, remaining: 22 } });
  expect(today('default/alice').days[2]).toMatchObject({ requests: 2, tokensIn: 11, tokensOut: 7, refusals: 1 });
  expect(today('default/bob').days[2]).toMatchObject({ requests: bobRequests, tokensIn: 11 * bobRequests, tokensOut: 7 * bobRequests, refusals: 0 });

  const logs = await pai(server, ['logs', '--json']);
  expect(logs.code, logs.stderr).toBe(0);
  const items = JSON.parse(logs.stdout).items as Array<{ id: number; accessKey: string; status: number; stream: boolean; code: string | null }>;
  expect(items).toHaveLength(2 + bobRequests);
  expect(items.map((i) => i.id)).toEqual([...items.map((i) => i.id)].sort((a, b) => b - a));
  expect(items.filter((i) => i.accessKey === 'default/bob' && i.stream && i.status === 200)).toHaveLength(bobRequests);
  const refused = await pai(server, ['logs', '--access-key', 'alice', '--status', '4xx', '--json']);
  expect(JSON.parse(refused.stdout).items).toEqual([expect.objectContaining({ accessKey: 'default/alice', status: 429, code: 'daily_budget_exhausted' })]);
  expect(logs.stdout + usage.stdout).not.toContain('sk-upstream-CANARY');
}

describe('on PGlite: one server, restarted', () => {
  let server: RunningServer;
  let keys: { alice: string; bob: string };
  let metricsPort: number;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'pai-obs-'));
  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  beforeAll(async () => {
    metricsPort = await freePort();
    server = await startServer({ dataDir, token, args: ['--metrics-port', String(metricsPort)] });
    keys = await configure(server);
    await traffic([server], keys, 3);
  }, 120_000);

  it('pai usage and pai logs show the traffic sent', async () => {
    await expectCliSeesTraffic(server, 3);
    const human = await pai(server, ['usage', '--by', 'access-key']);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^ACCESS KEY\s+REQUESTS\s+TOKENS IN\s+TOKENS OUT\s+REFUSALS\s+TODAY\s+LAST 14 DAYS/);
    expect(human.stdout).toMatch(/default\/alice\s+2\s+11\s+7\s+1\s+18 \/ 40 █████░░░░░ 45%\s+·{13}▄/);
    expect(human.stdout).toMatch(/default\/bob\s+3\s+33\s+21\s+0\s+54 \(no cap\)\s+·{13}█/);
    const logs = await pai(server, ['logs', '--agent', 'bot']);
    expect(logs.stdout.split('\n')[0]).toMatch(/^TIME\s+ACCESS KEY\s+AGENT\s+MODEL\s+STATUS\s+CODE\s+TOKENS\s+LATENCY\s+FALLBACKS$/);
    expect(logs.stdout.trim().split('\n').slice(1)).toHaveLength(3);
    expect(logs.stdout).toMatch(/default\/bob\s+default\/bot\s+main\/m1\s+200\s+—?\s*11\/7/);
  });

  it('/metrics, scraped and parsed as Prometheus text, counts the traffic; the metrics port needs no token, the API does', async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    const viaApi = await api(server, 'GET', '/metrics');
    expect(viaApi.status).toBe(200);
    expect(viaApi.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const local = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(local.status).toBe(200);
    const m = parsePrometheusText(await local.text());
    expect(m.types.get('pai_gateway_requests_total')).toBe('counter');
    expect(m.value('pai_gateway_requests_total', { route: 'chat', provider: 'default/main', model: 'main/m1', status: '200', code: '' })).toBe(4);
    expect(m.value('pai_gateway_requests_total', { route: 'chat', provider: '', model: '', status: '429', code: 'daily_budget_exhausted' })).toBe(1);
    expect(m.value('pai_gateway_tokens_total', { direction: 'in', provider: 'default/main', model: 'main/m1', access_key: 'default/bob', agent: 'default/bot' })).toBe(33);
    expect(m.value('pai_gateway_tokens_total', { direction: 'out', provider: 'default/main', model: 'main/m1', access_key: 'default/alice', agent: '' })).toBe(7);
    expect(m.value('pai_gateway_time_to_first_token_seconds_count', { provider: 'default/main', model: 'main/m1' })).toBe(3);
    expect(m.value('pai_gateway_upstream_latency_seconds_count', { provider: 'default/main', model: 'main/m1' })).toBe(4);
    expect(m.value('pai_gateway_budget_remaining_tokens', { line: 'access_key', name: 'default/alice' })).toBe(22);
    expect(m.value('pai_gateway_budget_remaining_tokens', { line: 'provider', name: 'default/main' })).toBe(100_000 - 72);
    expect(m.sum('pai_store_query_seconds_count')).toBeGreaterThan(0);
    const text = m.samples.map((s) => JSON.stringify(s)).join('\n');
    for (const secret of [keys.alice, keys.bob, token, 'sk-upstream-CANARY']) expect(text).not.toContain(secret);
    expect((await fetch(`http://127.0.0.1:${metricsPort}/v1/whoami`)).status).toBe(404);
  });

  it('pai logs --follow --json prints the last requests, then each new one as a JSON line', async () => {
    const child = spawn(process.execPath, [PAI_BIN, 'logs', '--follow', '--json', '--access-key', 'bob'], {
      cwd: REPO_ROOT,
      env: { ...process.env, PAI_SERVER: server.url, PAI_TOKEN: token, PAI_CONFIG: path.join(tmpdir(), 'pai-obs-no-config.json') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    const lines = () => out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { id: number; accessKey: string });
    const waitFor = async (n: number) => {
      for (let i = 0; i < 300 && lines().length < n; i++) await new Promise((r) => setTimeout(r, 100));
      return lines();
    };
    try {
      const first = await waitFor(3);
      expect(first).toHaveLength(3);
      expect(first.map((l) => l.id)).toEqual([...first.map((l) => l.id)].sort((a, b) => a - b)); // oldest first, as tail -f
      for await (const _ of await client(server, keys.bob).chat.completions.create({ ...say, stream: true }));
      const after = await waitFor(4);
      expect(after).toHaveLength(4);
      expect(after[3]).toMatchObject({ accessKey: 'default/bob' });
      expect(after[3]!.id).toBeGreaterThan(first[2]!.id);
    } finally {
      child.kill('SIGTERM');
    }
  }, 60_000);

  it('/readyz answers ready while the store answers', async () => {
    const res = await fetch(`${server.url}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready' });
  });

  it('usage and the request log survive a restart', async () => {
    await server.stop();
    server = await startServer({ dataDir, token });
    await expectCliSeesTraffic(server, 4);
  }, 120_000);
});

describe('on three PostgreSQL replicas', () => {
  let cluster: TestPostgres | undefined;
  let replicas: RunningServer[] = [];
  const work = mkdtempSync(path.join(tmpdir(), 'pai-obs-pg-'));
  beforeAll(async () => {
    cluster = await postgresForTests();
    if (!cluster) return;
    const databaseUrl = await cluster.createDatabase();
    const keyFile = path.join(work, 'secret.key');
    writeFileSync(keyFile, randomBytes(32), { mode: 0o600 });
    replicas = await Promise.all([0, 1, 2].map(() => startServer({ token, args: ['--database-url', databaseUrl, '--secret-key-file', keyFile], env: { PAI_SECRET_KEY: '' } })));
  }, 180_000);
  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
    await cluster?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('every replica sees every replica’s traffic in pai usage and pai logs', async (ctx) => {
    if (!cluster) return ctx.skip();
    const keys = await configure(replicas[0]!);
    await traffic(replicas, keys, 6);
    // Each replica writes its buffered rows within a second; a replica flushes its own before it answers.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    for (const r of replicas) await expectCliSeesTraffic(r, 6);
    const page = (await (await api(replicas[2]!, 'GET', '/v1/requests?accessKey=default/bob')).json()) as { items: Array<{ replica: string }> };
    expect(new Set(page.items.map((i) => i.replica)).size).toBe(3);
  }, 180_000);
});
