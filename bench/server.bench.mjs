// Benchmarks the control plane through its HTTP API, as `pai plan/apply` use it.
// Run after `npx tsc -p tsconfig.build.json`:  node bench/server.bench.mjs
// Starts a real `pai server` (127.0.0.1, ephemeral port, temp data dir), then measures:
//   - LIST of 10,000 ModelProviders in one call (seeded through POST /v1/batch),
//   - 1,000 sequential creates (POST, one at a time),
//   - 1,000 concurrent creates (POST, 50 in flight),
// and prints the median of RUNS runs of each as a markdown table.
// With BENCH_DATABASE_URL=postgres://… the server uses that (empty) PostgreSQL database instead of PGlite.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.RUNS ?? 3);
const LIST_SIZE = 10_000;
const CREATES = 1_000;
const IN_FLIGHT = 50;

const token = `pai_tok_${randomBytes(24).toString('hex')}`;
const dataDir = mkdtempSync(path.join(tmpdir(), 'pai-bench-'));
const databaseUrl = process.env.BENCH_DATABASE_URL;

function startServer() {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/run.js'), 'server', '--port', '0', '--data-dir', dataDir, ...(databaseUrl ? ['--database-url', databaseUrl] : [])], {
    env: { ...process.env, PAI_BOOTSTRAP_ADMIN_TOKEN: token },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      if (out === null) return; // drained after start
      out += d;
      const m = /"msg":"listening","url":"([^"]+)"/.exec(out);
      if (m) {
        out = null;
        resolve({ url: m[1], child });
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

function modelProvider(namespace, name) {
  return {
    apiVersion: 'pai.io/v1',
    kind: 'ModelProvider',
    metadata: { name, namespace },
    spec: {
      provider: 'openai',
      endpoint: 'https://integrate.api.nvidia.com/v1',
      apiKeySecretRef: { name: 'nvidia-key', key: 'api-key' },
      allowedModels: ['meta/llama-3.1-70b-instruct', 'qwen/qwen3-next-80b-a3b-instruct'],
      maxTokensPerDay: 5000000,
      externalAccess: { enabled: true, maxTokensPerDay: 1000000 },
    },
  };
}

/** The Secret the ModelProviders name: the server admits only references that resolve. */
async function seedSecret(url, namespace) {
  await post(`${url}/v1/namespaces/${namespace}/secrets`, { apiVersion: 'pai.io/v1', kind: 'Secret', metadata: { name: 'nvidia-key' }, spec: { stringData: { 'api-key': 'bench-value' } } });
}

async function post(url, body) {
  const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${res.status} ${text.slice(0, 300)}`);
  return text;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function timed(fn) {
  const t0 = performance.now();
  const extra = await fn();
  return { ms: performance.now() - t0, extra };
}

const { url, child } = await startServer();
try {
  for (let t = 0; t < 10; t++) await seedSecret(url, `team-${t}`);
  for (let r = 0; r < RUNS; r++) for (const ns of [`seq-${r}`, `conc-${r}`]) await seedSecret(url, ns);
  // Seed 10,000 in batches of 1,000 (one transaction each), over 10 namespaces.
  const seed = await timed(async () => {
    for (let b = 0; b < LIST_SIZE / 1000; b++) {
      const operations = Array.from({ length: 1000 }, (_, i) => ({ op: 'create', resource: modelProvider(`team-${i % 10}`, `mp-${b}-${i}`) }));
      await post(`${url}/v1/batch`, { operations });
    }
  });

  // LIST: time until the whole body is received, and the client's JSON.parse apart. Each run
  // first writes something (another kind), which moves the store's version: that LIST reads the
  // table; the LIST right after it, with nothing written in between, is answered from the
  // server's last listing.
  const lists = [];
  const cachedLists = [];
  const parses = [];
  let listBytes = 0;
  const timedList = async () => {
    const t0 = performance.now();
    const res = await fetch(`${url}/v1/modelproviders`, { headers });
    const text = await res.text();
    const t1 = performance.now();
    const body = JSON.parse(text);
    parses.push(performance.now() - t1);
    if (body.items.length !== LIST_SIZE) throw new Error(`LIST returned ${body.items.length}`);
    listBytes = text.length;
    return t1 - t0;
  };
  for (let r = 0; r < RUNS + 2; r++) {
    await post(`${url}/v1/namespaces/bench-touch/secrets`, { apiVersion: 'pai.io/v1', kind: 'Secret', metadata: { name: `touch-${r}` }, spec: {} });
    lists.push(await timedList());
    cachedLists.push(await timedList());
  }

  const sequential = [];
  for (let r = 0; r < RUNS; r++) {
    const t = await timed(async () => {
      for (let i = 0; i < CREATES; i++) await post(`${url}/v1/namespaces/seq-${r}/modelproviders`, modelProvider(`seq-${r}`, `mp-${i}`));
    });
    sequential.push(t.ms);
  }

  const concurrent = [];
  for (let r = 0; r < RUNS; r++) {
    const t = await timed(async () => {
      let next = 0;
      const worker = async () => {
        while (next < CREATES) {
          const i = next++;
          await post(`${url}/v1/namespaces/conc-${r}/modelproviders`, modelProvider(`conc-${r}`, `mp-${i}`));
        }
      };
      await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    });
    concurrent.push(t.ms);
  }

  const fmt = (ms) => `${ms.toFixed(0)} ms`;
  const rate = (ms) => `${((CREATES / ms) * 1000).toFixed(0)}/s`;
  const backend = databaseUrl ? 'PostgreSQL' : 'PGlite';
  console.log(`\npai server (${backend}), Node ${process.version}, median of ${RUNS} runs; LIST: median of ${RUNS + 2} (first two included)\n`);
  console.log('| operation | median | throughput | runs |');
  console.log('|---|---|---|---|');
  console.log(`| LIST 10,000 ModelProviders after a write (one GET, ${(listBytes / 1e6).toFixed(1)} MB received) | ${fmt(median(lists))} | — | ${lists.map(fmt).join(', ')} |`);
  console.log(`| … the same LIST again, nothing written since (the server's last listing) | ${fmt(median(cachedLists))} | — | ${cachedLists.map(fmt).join(', ')} |`);
  console.log(`| … then JSON.parse of it on the client | ${fmt(median(parses))} | — | ${parses.map(fmt).join(', ')} |`);
  console.log(`| 1,000 sequential creates (POST) | ${fmt(median(sequential))} | ${rate(median(sequential))} | ${sequential.map(fmt).join(', ')} |`);
  console.log(`| 1,000 concurrent creates (POST, ${IN_FLIGHT} in flight) | ${fmt(median(concurrent))} | ${rate(median(concurrent))} | ${concurrent.map(fmt).join(', ')} |`);
  console.log(`| (seeding: 10 batches of 1,000 creates) | ${fmt(seed.ms)} | ${((LIST_SIZE / seed.ms) * 1000).toFixed(0)}/s | 1 |`);
} finally {
  child.kill('SIGTERM');
  await new Promise((r) => child.on('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
}
