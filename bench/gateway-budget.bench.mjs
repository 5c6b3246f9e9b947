// Utilisation of daily token budgets (issue 12): how much of a cap clients are served before the
// gateway says the day is spent, in the scenarios of the issue, through real `pai server`
// processes and the official OpenAI SDK (no SDK retries: a refusal is counted as the client saw
// it). The stand-in upstream runs in its own process and counts what it served: for each call it
// receives, its reported usage (prompt + completion), whether or not the answer reached the client.
// Scenarios (one fresh ModelProvider each; the numbers are the issue's):
//   burst      cap 3,000: 200 concurrent requests (~270-character prompt, max_tokens 20; each uses
//              100 tokens), 200 ms upstream, then 40 sequential
//   slow       the same with a 1 s upstream and 100 concurrent, then 40 sequential
//   no-max     cap 3,000: requests without max_tokens (each uses 200), 5 concurrent then 20 sequential
//   small      cap 300: 15 sequential requests of an 11-character prompt costing 30 tokens
//   replicas   three replicas on one PostgreSQL, cap 3,000: 600 concurrent (each uses 110, 300 ms
//              upstream), one replica SIGKILLed mid-burst, then 200 more through the survivors
// Run: npm run build && node bench/gateway-budget.bench.mjs
// PostgreSQL (replicas): BENCH_DATABASE_URL or PAI_TEST_DATABASE_URL, else a throwaway cluster.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';
import { children, startChild } from './lib.mjs';
import { freePort, freshDatabase, postgres } from './postgres.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const token = `pai_tok_${randomBytes(24).toString('hex')}`;
const temp = mkdtempSync(path.join(tmpdir(), 'pai-bench-budget-'));
const keyFile = path.join(temp, 'secret.key');
writeFileSync(keyFile, randomBytes(32), { mode: 0o600 });

/** How the upstream answers each model: latency, prompt tokens, completion (null = max_tokens). */
const MODELS = {
  burst: { latencyMs: 200, prompt: 80, completion: null },
  slow: { latencyMs: 1_000, prompt: 80, completion: null },
  'no-max': { latencyMs: 2, prompt: 10, completion: 190 },
  small: { latencyMs: 2, prompt: 10, completion: null },
  replicas: { latencyMs: 300, prompt: 10, completion: null },
};

/** The stand-in upstream: answers after the model's latency and counts the tokens it served. */
const UPSTREAM = `
import http from 'node:http';
const models = ${JSON.stringify(MODELS)};
const served = {};
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    if (req.method === 'GET') { res.writeHead(200, { 'content-type': 'application/json' }); return res.end(JSON.stringify(served)); }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const m = models[body.model];
    const usage = { prompt_tokens: m.prompt, completion_tokens: m.completion ?? body.max_tokens };
    usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
    served[body.model] = (served[body.model] ?? 0) + usage.total_tokens;
    setTimeout(() => {
      const text = JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion', created: 1, model: body.model,
        choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }], usage });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    }, m.latencyMs);
  });
});
server.keepAliveTimeout = 60000;
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('ready'));
`;

const PROMPT = 'Summarise the following build log for the on-call engineer and say whether the failure looks flaky. '.repeat(3).slice(0, 270);

async function startServer(args, env = {}) {
  const { child, found } = await startChild(['bin/run.js', 'server', '--port', '0', ...args], { PAI_BOOTSTRAP_ADMIN_TOKEN: token, PAI_DATABASE_URL: '', PAI_SECRET_KEY: '', ...env }, (out) => /"msg":"listening","url":"([^"]+)"/.exec(out)?.[1]);
  return { child, url: found };
}

async function admin(url, method, p, body) {
  const res = await fetch(url + p, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
  if (res.status >= 300) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** A provider `name` (model `name`) with a daily cap and a key for it; returns the key. */
async function setUp(url, upstream, name, cap) {
  await admin(url, 'PUT', `/v1/namespaces/default/secrets/${name}-key`, { kind: 'Secret', metadata: { name: `${name}-key` }, spec: { stringData: { 'api-key': 'sk-bench' } } });
  await admin(url, 'PUT', `/v1/namespaces/default/modelproviders/${name}`, {
    kind: 'ModelProvider',
    metadata: { name },
    spec: { provider: 'openai', endpoint: `${upstream}/v1`, apiKeySecretRef: { name: `${name}-key` }, allowedModels: [name], maxTokensPerDay: cap, externalAccess: { enabled: true } },
  });
  return (await admin(url, 'POST', `/v1/namespaces/default/accesskeys/${name}/keys`, { create: { kind: 'AccessKey', metadata: { name }, spec: { modelProviders: [name] } } })).key;
}

/** One call as a client sees it: 'ok', the refusal's code, or 'connection' (the server died). */
function call(client, body) {
  return client.chat.completions.create(body).then(
    () => 'ok',
    (err) => (err instanceof OpenAI.APIConnectionError ? 'connection' : String(err.code ?? err.status)),
  );
}

const tally = (outcomes) => outcomes.reduce((t, o) => ({ ...t, [o]: (t[o] ?? 0) + 1 }), {});
const sequential = async (n, f) => {
  const out = [];
  for (let i = 0; i < n; i++) out.push(await f());
  return out;
};

const results = [];
const pgServer = await postgres();
try {
  const upstreamPort = await freePort();
  await startChild(['--input-type=module', '-e', UPSTREAM], { PORT: String(upstreamPort) }, (out) => out.includes('ready'));
  const upstream = `http://127.0.0.1:${upstreamPort}`;
  const servedBy = async (model) => (await (await fetch(upstream)).json())[model] ?? 0;

  const one = await startServer(['--data-dir', mkdtempSync(path.join(temp, 'data-'))]);
  const sdk = (url, key) => new OpenAI({ apiKey: key, baseURL: `${url}/ext/v1`, maxRetries: 0, timeout: 120_000 });
  const record = async (name, cap, outcomes) => {
    results.push({ name, cap, served: await servedBy(name), outcomes: tally(outcomes) });
    console.error(JSON.stringify(results.at(-1)));
  };

  for (const [name, concurrent] of [['burst', 200], ['slow', 100]]) {
    const client = sdk(one.url, await setUp(one.url, upstream, name, 3_000));
    const body = { model: `${name}/${name}`, messages: [{ role: 'user', content: PROMPT }], max_tokens: 20 };
    const burst = await Promise.all(Array.from({ length: concurrent }, () => call(client, body)));
    await record(name, 3_000, [...burst, ...(await sequential(40, () => call(client, body)))]);
  }
  {
    const client = sdk(one.url, await setUp(one.url, upstream, 'no-max', 3_000));
    const body = { model: 'no-max/no-max', messages: [{ role: 'user', content: 'hi' }] };
    const burst = await Promise.all(Array.from({ length: 5 }, () => call(client, body)));
    await record('no-max', 3_000, [...burst, ...(await sequential(20, () => call(client, body)))]);
  }
  {
    const client = sdk(one.url, await setUp(one.url, upstream, 'small', 300));
    await record('small', 300, await sequential(15, () => call(client, { model: 'small/small', messages: [{ role: 'user', content: 'hello world' }], max_tokens: 20 })));
  }

  // Three replicas on one PostgreSQL; the second is killed once two of its calls reached the upstream.
  const databaseUrl = await freshDatabase(pgServer.admin);
  const replicas = [];
  for (let i = 0; i < 3; i++) replicas.push(await startServer(['--data-dir', mkdtempSync(path.join(temp, 'data-')), '--database-url', databaseUrl, '--secret-key-file', keyFile]));
  const key = await setUp(replicas[0].url, upstream, 'replicas', 3_000);
  const clients = replicas.map((r) => sdk(r.url, key));
  const body = { model: 'replicas/replicas', messages: [{ role: 'user', content: 'hi' }], max_tokens: 100 };
  for (let ready = false; !ready; await new Promise((r) => setTimeout(r, 200))) ready = (await Promise.all(clients.map((c) => call(c, body)))).every((o) => o === 'ok');
  const before = await servedBy('replicas');
  const burst = Promise.all(Array.from({ length: 600 }, (_, i) => call(clients[i % 3], body)));
  while ((await servedBy('replicas')) < before + 2 * 110 * 3) await new Promise((r) => setTimeout(r, 5));
  replicas[1].child.kill('SIGKILL');
  const outcomes = await burst;
  const after = await Promise.all(Array.from({ length: 200 }, (_, i) => call(clients[i % 2 === 0 ? 0 : 2], body)));
  await record('replicas', 3_000, [...outcomes, ...after]);
} finally {
  await Promise.all(children.filter((c) => c.exitCode === null && c.signalCode === null).map((c) => new Promise((resolve) => (c.once('exit', resolve), c.kill('SIGTERM')))));
  pgServer.stop();
  rmSync(temp, { recursive: true, force: true });
}

const lines = ['| scenario | cap | served by the upstream | utilisation | client outcomes |', '|---|---:|---:|---:|---|'];
for (const r of results) {
  const outcomes = Object.entries(r.outcomes).map(([k, v]) => `${k} ${v}`).join(', ');
  lines.push(`| ${r.name} | ${r.cap.toLocaleString('en-US')} | ${r.served.toLocaleString('en-US')} | ${((100 * r.served) / r.cap).toFixed(1)}% | ${outcomes} |`);
}
console.log(lines.join('\n'));
mkdirSync(path.join(ROOT, 'bench/out'), { recursive: true });
writeFileSync(path.join(ROOT, 'bench/out/gateway-budget.json'), JSON.stringify({ date: new Date().toISOString(), results }, null, 2));
