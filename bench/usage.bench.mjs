// Benchmark of `pai usage` (issue 18): a report of 30 days × 1,000 AccessKeys. The usage rows
// are written into a fresh data dir's store (as the gateway would after a month of traffic),
// then the real server answers GET /v1/usage and the real CLI renders it. Reported: `node -e 0`
// (the floor), the server's answer time (fetch, median), and `pai usage` as a table and as
// --json; the goal is `pai usage` ≤ 2.5 × floor + the server's answer time.
// Run: npm run build && node bench/usage.bench.mjs [RUNS]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openStore } from '../dist/server/store/store.js';
import { children, compare, median, startPaiServer } from './lib.mjs';

const runs = Number(process.argv[2] ?? 7);
const KEYS = 1_000;
const DAYS = 30;
const token = 'pai_tok_benchusagetoken0123456789abcdef0';
const dataDir = mkdtempSync(path.join(tmpdir(), 'pai-bench-usage-'));

// A month of usage rows for 1,000 keys (one provider, one model), written while no server runs.
const store = await openStore({ dataDir });
const day = (i) => new Date(Date.now() - i * 86_400_000).toISOString().slice(0, 10);
const cols = [[], [], [], [], [], [], [], [], []];
for (let d = 0; d < DAYS; d++) {
  for (let k = 0; k < KEYS; k++) {
    const row = [day(d), 'default/main', `default/key-${String(k).padStart(4, '0')}`, '', 'main/m1', 10 + k, 1000 * (k + d), 500 * (k + d), k % 3];
    row.forEach((v, i) => cols[i].push(v));
  }
}
await store.db.query(
  `INSERT INTO usage_daily (day, provider, access_key, agent, model, requests, tokens_in, tokens_out, refusals)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[], $8::bigint[], $9::bigint[])`,
  cols,
);
await store.close();

const { url } = await startPaiServer({ dataDir, token });
const query = `/v1/usage?days=${DAYS}&by=accessKey`;
const answers = [];
let bytes = 0;
for (let i = 0; i < runs + 2; i++) {
  const t = performance.now();
  const text = await fetch(url + query, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.text());
  if (i >= 2) answers.push(performance.now() - t);
  bytes = text.length;
}
const serverMs = Math.round(median(answers));
const env = { ...process.env, PAI_SERVER: url, PAI_TOKEN: token, PAI_CONFIG: path.join(dataDir, 'no-config.json') };
const rows = compare(
  [
    { name: 'node -e 0', cmd: process.execPath, args: ['-e', '0'] },
    // The CLI's own start-up (oclif), with an answer of a few bytes: what any pai command costs.
    { name: 'pai usage --days 1 --by agent (empty answer)', cmd: process.execPath, args: ['bin/run.js', 'usage', '--days', '1', '--by', 'agent'], opts: { env }, expectStatus: 0 },
    { name: `pai usage --days ${DAYS} --by access-key`, cmd: process.execPath, args: ['bin/run.js', 'usage', '--days', String(DAYS), '--by', 'access-key'], opts: { env }, expectStatus: 0 },
    { name: `pai usage --days ${DAYS} --by access-key --json`, cmd: process.execPath, args: ['bin/run.js', 'usage', '--days', String(DAYS), '--by', 'access-key', '--json'], opts: { env }, expectStatus: 0 },
  ],
  runs,
);
const floor = rows[0].wallMs;
console.log(`\n### pai usage: ${DAYS} days × ${KEYS} access keys, ${runs} runs, medians (node ${process.version})\n`);
console.log(`GET ${query}: ${serverMs} ms (server answer, ${(bytes / 1024).toFixed(0)} KiB)\n`);
console.log('| case | median wall | budget (2.5 × floor + server) | within |');
console.log('|---|---:|---:|---|');
for (const r of rows) {
  const budget = r === rows[0] ? undefined : Math.round(2.5 * floor + serverMs);
  console.log(`| ${r.name} | ${r.wallMs} ms | ${budget === undefined ? '—' : `${budget} ms`} | ${budget === undefined ? '' : r.wallMs <= budget ? 'yes' : 'NO'} |`);
}
for (const c of children) c.kill('SIGTERM');
await new Promise((r) => setTimeout(r, 500));
rmSync(dataDir, { recursive: true, force: true });
