// Benchmark of the store's write rate (issue 7): creates per second through the real `pai server`
// (HTTP POST of one ModelProvider each) on the embedded PGlite versus PostgreSQL, and on three
// replicas of one PostgreSQL. Every run starts fresh servers on a fresh data dir / database; the
// cases are interleaved run by run so that machine noise hits all of them alike; medians.
// Run: npm run build && node bench/store.bench.mjs [RUNS]
// PostgreSQL: BENCH_DATABASE_URL or PAI_TEST_DATABASE_URL (a role that may CREATE DATABASE), else
// a throwaway cluster started here from Debian's postgresql binaries (fsync stays ON: it is a
// write benchmark).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, freshDatabase, postgres } from './postgres.mjs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { median } from './lib.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.argv[2] ?? 5);
const SEQUENTIAL = 300;
const CONCURRENT = 1_000;
const IN_FLIGHT = 32;
const token = `pai_tok_${randomBytes(24).toString('hex')}`;
const temp = mkdtempSync(path.join(tmpdir(), 'pai-bench-store-'));
const keyFile = path.join(temp, 'secret.key');
writeFileSync(keyFile, randomBytes(32), { mode: 0o600 });



function startServer(args) {
  const dataDir = mkdtempSync(path.join(temp, 'data-'));
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/run.js'), 'server', '--port', '0', '--data-dir', dataDir, ...args], {
    env: { ...process.env, PAI_BOOTSTRAP_ADMIN_TOKEN: token, PAI_DATABASE_URL: '', PAI_SECRET_KEY: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (d) => {
      out += d;
      const m = /"msg":"listening","url":"([^"]+)"/.exec(out);
      if (m) {
        child.stdout.off('data', onData);
        child.stdout.resume(); // request logs: drained, not kept
        resolve({
          url: m[1],
          stop: () => new Promise((r) => (child.once('exit', r), child.kill('SIGTERM'))).then(() => rmSync(dataDir, { recursive: true, force: true })),
        });
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => reject(new Error(`pai server exited with ${code}`)));
  });
}

const body = (ns, name) =>
  JSON.stringify({
    apiVersion: 'pai.io/v1',
    kind: 'ModelProvider',
    metadata: { name, namespace: ns },
    spec: { provider: 'anthropic', apiKeySecretRef: { name: 'key', key: 'api-key' }, maxTokensPerDay: 5_000_000, allowedModels: ['claude-sonnet-4-6'] },
  });

async function create(url, i) {
  const res = await fetch(`${url}/v1/namespaces/bench/modelproviders`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body('bench', `mp-${i}`),
  });
  await res.arrayBuffer();
  if (res.status !== 201) throw new Error(`create: HTTP ${res.status}`);
}

/** Creates per second: `count` creates, `inFlight` at a time, round-robin over `urls`. */
async function rate(urls, count, inFlight, offset) {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < count) {
        const i = next++;
        await create(urls[i % urls.length], offset + i);
      }
    }),
  );
  return (count / (performance.now() - t0)) * 1000;
}

const CASES = [
  { name: 'PGlite (embedded, one server)', replicas: 1, postgres: false },
  { name: 'PostgreSQL, one server', replicas: 1, postgres: true },
  { name: 'PostgreSQL, three replicas (round-robin)', replicas: 3, postgres: true },
];

const pgServer = await postgres();
const samples = new Map(CASES.map((c) => [c.name, { sequential: [], concurrent: [] }]));
try {
  for (let r = 0; r < RUNS; r++) {
    for (const c of CASES) {
      const args = c.postgres ? ['--database-url', await freshDatabase(pgServer.admin), '--secret-key-file', keyFile] : [];
      const servers = await Promise.all(Array.from({ length: c.replicas }, () => startServer(args)));
      try {
        const urls = servers.map((s) => s.url);
        await rate(urls, 20, 4, 1_000_000); // warm-up: connections, JIT
        samples.get(c.name).sequential.push(await rate(urls, SEQUENTIAL, 1, 0));
        samples.get(c.name).concurrent.push(await rate(urls, CONCURRENT, IN_FLIGHT, SEQUENTIAL));
      } finally {
        await Promise.all(servers.map((s) => s.stop()));
      }
    }
  }
} finally {
  pgServer.stop();
  rmSync(temp, { recursive: true, force: true });
}

const fmt = (x) => `${Math.round(x).toLocaleString('en-US')}/s`;
const lines = [
  `### Store write rate: creates through \`pai server\` (Node ${process.version}, ${cpus().length} cores, median of ${RUNS} runs)`,
  '',
  `| backend | ${SEQUENTIAL} sequential creates | ${CONCURRENT.toLocaleString('en-US')} concurrent creates (${IN_FLIGHT} in flight) |`,
  '|---|---:|---:|',
];
const results = {};
for (const c of CASES) {
  const s = samples.get(c.name);
  results[c.name] = { sequentialPerSecond: median(s.sequential), concurrentPerSecond: median(s.concurrent), samples: s };
  lines.push(`| ${c.name} | ${fmt(median(s.sequential))} | ${fmt(median(s.concurrent))} |`);
}
console.log(lines.join('\n'));
mkdirSync(path.join(ROOT, 'bench/out'), { recursive: true });
writeFileSync(path.join(ROOT, 'bench/out/store.json'), JSON.stringify({ date: new Date().toISOString(), runs: RUNS, results }, null, 2));
