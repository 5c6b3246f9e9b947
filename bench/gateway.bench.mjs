// Benchmark of the LLM gateway (issue 6): the same OpenAI-compatible stand-in upstream on
// 127.0.0.1, called (a) directly, (b) through `pai server`'s gateway (an AccessKey, budgets
// enforced and persisted: the provider and the key have daily caps) and (c) through the Portkey
// gateway (@portkey-ai/gateway, routed to the same upstream with x-portkey-provider: openai and
// x-portkey-custom-host), in the same run, interleaved. Reported: latency at 1 connection (p50,
// p99; the overhead is the difference to the direct call) and requests/s at 10 connections,
// medians of several runs.
// Run: npm run build && node bench/gateway.bench.mjs [RUNS] [SECONDS]
// PAI_BENCH_BASELINE=DIR (another checkout, built) adds its gateway with observability on and off,
// interleaved with the others: a before/after comparison within one run.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Pool } from 'undici';
import { children, median, startChild, startPaiServer } from './lib.mjs';

const runs = Number(process.argv[2] ?? 5);
const seconds = Number(process.argv[3] ?? 3);
const node = process.execPath;

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

/** The stand-in upstream in its own process: a fixed chat completion with usage. */
const UPSTREAM = `
import http from 'node:http';
const body = JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion', created: 1, model: 'bench-model',
  choices: [{ index: 0, message: { role: 'assistant', content: 'Hello! How can I help you today?' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 12, completion_tokens: 9, total_tokens: 21 } });
const server = http.createServer((req, res) => { req.resume(); req.on('end', () => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }); res.end(body); }); });
server.keepAliveTimeout = 60000;
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('ready'));
`;


async function waitForHttp(url) {
  for (let i = 0; i < 200; i++) {
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`${url} never answered`);
}

// (a) the upstream
const upstreamPort = await freePort();
await startChild(['--input-type=module', '-e', UPSTREAM], { PORT: String(upstreamPort) }, (out) => out.includes('ready'));
const upstream = `http://127.0.0.1:${upstreamPort}`;

// (b) pai server, with a provider and a key that both have daily budgets (never reached here);
// once in the default leased budget mode, once in exact mode (PAI_BUDGET_MODE=exact: every
// request reserves and settles its own budget in the database).
const token = 'pai_tok_benchgatewaytoken0123456789abcdef';
const dataDirs = [];
async function startPai(env, args = [], root) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'pai-bench-gateway-'));
  dataDirs.push(dataDir);
  const { url } = await startPaiServer({ dataDir, token, env, args, root });
  const admin = async (method, p, body) => {
    const res = await fetch(url + p, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (res.status >= 300) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  await admin('PUT', '/v1/namespaces/default/secrets/bench-key', { kind: 'Secret', metadata: { name: 'bench-key' }, spec: { stringData: { 'api-key': 'sk-bench' } } });
  await admin('PUT', '/v1/namespaces/default/modelproviders/bench', {
    kind: 'ModelProvider',
    metadata: { name: 'bench' },
    spec: { provider: 'openai', endpoint: `${upstream}/v1`, apiKeySecretRef: { name: 'bench-key' }, allowedModels: ['bench-model'], maxTokensPerDay: 50_000_000_000, externalAccess: { enabled: true, maxTokensPerDay: 50_000_000_000 } },
  });
  const { key } = await admin('POST', '/v1/namespaces/default/accesskeys/bench/keys', { create: { kind: 'AccessKey', metadata: { name: 'bench' }, spec: { modelProviders: ['bench'], maxTokensPerDay: 50_000_000_000 } } });
  return { url, key };
}
const pai = await startPai({});
const paiExact = await startPai({ PAI_BUDGET_MODE: 'exact' });
// Issue 18: the same gateway without Prometheus metrics and without the request log (daily usage
// rows are kept either way), to measure what observability costs.
const QUIET = ['--no-metrics', '--request-log-retention', '0'];
const paiQuiet = await startPai({}, QUIET);
const baselineDir = process.env.PAI_BENCH_BASELINE;
const baseline = baselineDir ? [await startPai({}, [], baselineDir), await startPai({}, QUIET, baselineDir)] : [];

// (c) Portkey, routed to the same upstream
const portkeyPort = await freePort();
const portkey = spawn(node, ['node_modules/@portkey-ai/gateway/build/start-server.js', `--port=${portkeyPort}`, '--headless'], { stdio: 'ignore', env: { ...process.env, NODE_ENV: 'production' } });
children.push(portkey);
await waitForHttp(`http://127.0.0.1:${portkeyPort}/`);

const body = JSON.stringify({ model: 'bench-model', max_tokens: 64, messages: [{ role: 'user', content: 'Say hello.' }] });
const targets = [
  { name: 'direct (no gateway)', origin: upstream, path: '/v1/chat/completions', headers: { authorization: 'Bearer sk-bench' } },
  { name: 'pai gateway', origin: pai.url, path: '/ext/v1/chat/completions', headers: { authorization: `Bearer ${pai.key}` }, body: body.replace('"bench-model"', '"bench/bench-model"') },
  {
    name: 'Portkey gateway',
    origin: `http://127.0.0.1:${portkeyPort}`,
    path: '/v1/chat/completions',
    headers: { authorization: 'Bearer sk-bench', 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${upstream}/v1` },
  },
  {
    name: 'pai gateway, exact budget mode',
    origin: paiExact.url,
    path: '/ext/v1/chat/completions',
    headers: { authorization: `Bearer ${paiExact.key}` },
    body: body.replace('"bench-model"', '"bench/bench-model"'),
  },
  {
    name: 'pai gateway, metrics and request log off',
    origin: paiQuiet.url,
    path: '/ext/v1/chat/completions',
    headers: { authorization: `Bearer ${paiQuiet.key}` },
    body: body.replace('"bench-model"', '"bench/bench-model"'),
  },
  ...baseline.map((b, i) => ({
    name: `baseline ${path.basename(baselineDir)}: pai gateway${i === 0 ? '' : ', metrics and request log off'}`,
    origin: b.url,
    path: '/ext/v1/chat/completions',
    headers: { authorization: `Bearer ${b.key}` },
    body: body.replace('"bench-model"', '"bench/bench-model"'),
  })),
];

/** `connections` loops, each sending the next request when the last answered, for `ms`. */
async function load(target, connections, ms) {
  const pool = new Pool(target.origin, { connections, pipelining: 1 });
  const latencies = [];
  let count = 0;
  const end = performance.now() + ms;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        const res = await pool.request({ path: target.path, method: 'POST', headers: { 'content-type': 'application/json', ...target.headers }, body: target.body ?? body });
        const text = await res.body.text();
        if (res.statusCode !== 200) throw new Error(`${target.name}: HTTP ${res.statusCode} ${text.slice(0, 300)}`);
        latencies.push(performance.now() - t);
        count++;
      }
    }),
  );
  await pool.close();
  latencies.sort((a, b) => a - b);
  return { rps: count / (ms / 1000), p50: latencies[Math.floor(latencies.length * 0.5)], p99: latencies[Math.floor(latencies.length * 0.99)] };
}

for (const t of targets) await load(t, 10, 1_000); // warm-up: JIT, connection pools, budget leases
const samples = new Map(targets.map((t) => [t.name, { p50: [], p99: [], rps: [] }]));
for (let i = 0; i < runs; i++) {
  for (const t of targets) {
    const one = await load(t, 1, seconds * 1000);
    const ten = await load(t, 10, seconds * 1000);
    const s = samples.get(t.name);
    s.p50.push(one.p50);
    s.p99.push(one.p99);
    s.rps.push(ten.rps);
  }
}
const rows = targets.map((t) => {
  const s = samples.get(t.name);
  return { name: t.name, p50: median(s.p50), p99: median(s.p99), rps: median(s.rps) };
});
const direct = rows[0];
const portkeyRow = rows.find((r) => r.name === 'Portkey gateway');
const fmt = (ms) => `${ms.toFixed(3)} ms`;
console.log(`\n### LLM gateway: ${runs} runs × ${seconds} s per case, medians (node ${process.version})\n`);
console.log('| path | p50 @1 conn | p99 @1 conn | added p50 | added p99 | req/s @10 conns | req/s vs Portkey |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  const added = r === direct ? '—' : `+${fmt(r.p50 - direct.p50)}`;
  const added99 = r === direct ? '—' : `+${fmt(r.p99 - direct.p99)}`;
  console.log(`| ${r.name} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${added} | ${added99} | ${Math.round(r.rps)} | ${(r.rps / portkeyRow.rps).toFixed(2)}× |`);
}
const paiRow = rows[1];
console.log(`\npai adds ${fmt(paiRow.p50 - direct.p50)} at p50 (target < 0.5 ms) and serves ${(paiRow.rps / portkeyRow.rps).toFixed(2)}× Portkey's requests/s (target ≥ 2×), with budgets enforced and persisted.`);

const quietRow = rows.find((r) => r.name === 'pai gateway, metrics and request log off');
console.log(
  `metrics + request log on vs off: ${(((quietRow.rps - paiRow.rps) / quietRow.rps) * 100).toFixed(1)}% req/s lost (goal ≤ 5%), ${fmt(paiRow.p50 - quietRow.p50)} added at p50 (goal ≤ 0.1 ms).`,
);
if (baseline.length > 0) {
  const [on, off] = rows.slice(-2);
  console.log(`baseline, on vs off: ${(((off.rps - on.rps) / off.rps) * 100).toFixed(1)}% req/s lost, ${fmt(on.p50 - off.p50)} added at p50.`);
}
const logged = await fetch(`${pai.url}/v1/requests?limit=1`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.json());
console.log(`(request log of the "pai gateway" server: latest id ${logged.latest})`);

// The budgets were enforced: the provider's usage reached the store.
const status = await fetch(`${pai.url}/v1/namespaces/default/modelproviders/bench`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.json());
console.log(`(ModelProvider bench: status.tokensUsedToday = ${status.status.tokensUsedToday})`);
mkdirSync('bench/out', { recursive: true });
writeFileSync('bench/out/gateway.json', JSON.stringify({ date: new Date().toISOString(), runs, seconds, rows, tokensUsedToday: status.status.tokensUsedToday }, null, 2));
for (const c of children) c.kill('SIGTERM');
await new Promise((r) => setTimeout(r, 500));
for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
