// Benchmark of the LLM gateway scaled out (issue 7): requests/s through one, two and three
// `pai server` replicas sharing one PostgreSQL, with budgets enforced (the provider and the key
// have daily caps, never reached here; default leased budget mode). A client keeps 10 requests in
// flight and sends each next request to the next replica, round-robin (what a load balancer does);
// the stand-in upstream runs in its own process. The cases are interleaved run by run so that
// machine noise hits them alike; medians. Everything runs on this one machine: the client, the
// upstream, PostgreSQL and the replicas share its cores, so the ratio shows what the replicas add
// on it, not on a cluster of machines.
// Run: npm run build && node bench/gateway-replicas.bench.mjs [RUNS] [SECONDS]
// PostgreSQL: BENCH_DATABASE_URL or PAI_TEST_DATABASE_URL (a role that may CREATE DATABASE), else
// a throwaway cluster started here from Debian's postgresql binaries.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, freshDatabase, postgres } from './postgres.mjs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Pool } from 'undici';
import { children, median, startChild } from './lib.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.argv[2] ?? 3);
const SECONDS = Number(process.argv[3] ?? 5);
const CONNECTIONS = 10;
const USAGE_PER_REQUEST = 21; // what the stand-in upstream reports
const token = `pai_tok_${randomBytes(24).toString('hex')}`;
const temp = mkdtempSync(path.join(tmpdir(), 'pai-bench-gw-replicas-'));
const keyFile = path.join(temp, 'secret.key');
writeFileSync(keyFile, randomBytes(32), { mode: 0o600 });



/** The stand-in upstream in its own process: a fixed chat completion with usage. */
const UPSTREAM = `
import http from 'node:http';
const body = JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion', created: 1, model: 'bench-model',
  choices: [{ index: 0, message: { role: 'assistant', content: 'Hello! How can I help you today?' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 12, completion_tokens: 9, total_tokens: ${USAGE_PER_REQUEST} } });
const server = http.createServer((req, res) => { req.resume(); req.on('end', () => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }); res.end(body); }); });
server.keepAliveTimeout = 60000;
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('ready'));
`;

const pgServer = await postgres();
let sent = 0;
const samples = new Map([1, 2, 3].map((n) => [n, { rps: [], p50: [] }]));
let tokensUsedToday;
try {
  const upstreamPort = await freePort();
  await startChild(['--input-type=module', '-e', UPSTREAM], { PORT: String(upstreamPort) }, (out) => out.includes('ready'));
  const upstream = `http://127.0.0.1:${upstreamPort}`;

  // Three replicas on one fresh database; a case with n replicas sends to the first n (the
  // others stay idle: they only poll the store for configuration changes, once a second).
  const databaseUrl = await freshDatabase(pgServer.admin);
  const startReplica = () =>
    startChild(
      ['bin/run.js', 'server', '--port', '0', '--data-dir', mkdtempSync(path.join(temp, 'data-')), '--database-url', databaseUrl, '--secret-key-file', keyFile],
      { PAI_BOOTSTRAP_ADMIN_TOKEN: token, PAI_DATABASE_URL: '', PAI_SECRET_KEY: '' },
      (out) => /"msg":"listening","url":"([^"]+)"/.exec(out)?.[1],
    ).then((started) => started.found);
  const replicas = await Promise.all([0, 1, 2].map(startReplica));

  const admin = async (method, p, body) => {
    const res = await fetch(replicas[0] + p, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
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

  const body = JSON.stringify({ model: 'bench/bench-model', max_tokens: 64, messages: [{ role: 'user', content: 'Say hello.' }] });
  const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
  const pools = replicas.map((url) => new Pool(url, { connections: CONNECTIONS, pipelining: 1 }));

  /** `CONNECTIONS` loops for `ms`, each request to the next of the first `n` replicas. */
  async function load(n, ms) {
    const latencies = [];
    let next = 0;
    const end = performance.now() + ms;
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (performance.now() < end) {
          const t = performance.now();
          sent++;
          const res = await pools[next++ % n].request({ path: '/ext/v1/chat/completions', method: 'POST', headers, body });
          const text = await res.body.text();
          if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode} ${text.slice(0, 300)}`);
          latencies.push(performance.now() - t);
        }
      }),
    );
    latencies.sort((a, b) => a - b);
    return { rps: latencies.length / (ms / 1000), p50: latencies[Math.floor(latencies.length / 2)] };
  }

  // Warm-up: every replica has seen the new resources and the key, JIT, connections, leases.
  for (let i = 0; i < 200; i++) {
    const answers = await Promise.all(pools.map((p) => p.request({ path: '/ext/v1/chat/completions', method: 'POST', headers, body }).then(async (r) => (await r.body.text(), r.statusCode))));
    sent += pools.length;
    if (answers.every((s) => s === 200)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await load(3, 2_000);
  for (let run = 0; run < RUNS; run++) {
    for (const n of [1, 2, 3]) {
      const r = await load(n, SECONDS * 1000);
      samples.get(n).rps.push(r.rps);
      samples.get(n).p50.push(r.p50);
    }
  }
  await Promise.all(pools.map((p) => p.close()));
  // Every replica's usage reached the one database (within the flush interval).
  await new Promise((r) => setTimeout(r, 1_500));
  tokensUsedToday = (await fetch(`${replicas[2]}/v1/namespaces/default/modelproviders/bench`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.json())).status.tokensUsedToday;
} finally {
  for (const c of children) c.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 1_000));
  pgServer.stop();
  rmSync(temp, { recursive: true, force: true });
}

const one = median(samples.get(1).rps);
const lines = [
  `### LLM gateway on PostgreSQL: 1–3 replicas (Node ${process.version}, ${cpus().length} cores shared by client, upstream, PostgreSQL and replicas; ${CONNECTIONS} connections round-robin; median of ${RUNS} runs × ${SECONDS} s)`,
  '',
  '| replicas | req/s | × one replica | p50 latency |',
  '|---:|---:|---:|---:|',
];
const results = {};
for (const [n, s] of samples) {
  results[n] = { rps: median(s.rps), p50Ms: median(s.p50), samples: s };
  lines.push(`| ${n} | ${Math.round(median(s.rps)).toLocaleString('en-US')} | ${(median(s.rps) / one).toFixed(2)}× | ${median(s.p50).toFixed(2)} ms |`);
}
lines.push('', `(ModelProvider bench: status.tokensUsedToday = ${tokensUsedToday} for ${sent} requests × ${USAGE_PER_REQUEST} = ${sent * USAGE_PER_REQUEST}: all replicas' usage counted in one place.)`);
console.log(lines.join('\n'));
mkdirSync(path.join(ROOT, 'bench/out'), { recursive: true });
writeFileSync(path.join(ROOT, 'bench/out/gateway-replicas.json'), JSON.stringify({ date: new Date().toISOString(), runs: RUNS, seconds: SECONDS, cpus: cpus().length, results, requests: sent, tokensUsedToday }, null, 2));
