import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAI_BIN, runCli, type CliResult } from '../helpers/cli.js';
import { FakeUpstream } from '../helpers/fake-upstream.js';
import { startServer, type RunningServer } from '../helpers/server.js';
import { freshDataDir } from '../helpers/data-dir.js';
import { jsonOf } from '../helpers/json.js';

/**
 * The developer flow of the LLM gateway through the real CLI and a real `pai server`: an admin
 * creates a ModelProvider and an AccessKey (`pai access-key create` prints the key once), the
 * developer logs in with it, `eval "$(pai gateway env)"` points the official OpenAI SDK at the
 * gateway, and the keys are rotated and revoked. The upstream key and the AccessKey never show
 * up in the server's log.
 */
const UPSTREAM_KEY = 'nvapi-CANARY-upstream-0123456789';
let server: RunningServer;
let upstream: FakeUpstream;
const configDir = mkdtempSync(path.join(tmpdir(), 'pai-e2e-gateway-'));
const configFile = path.join(configDir, 'config.json');
const outputs: CliResult[] = [];

async function pai(args: string[], opts: { env?: Record<string, string | undefined>; input?: string } = {}): Promise<CliResult> {
  const result = await runCli(args, { env: { PAI_CONFIG: configFile, PAI_SERVER: undefined, PAI_TOKEN: undefined, ...opts.env }, ...(opts.input !== undefined ? { input: opts.input } : {}) });
  outputs.push(result);
  return result;
}

async function ok(args: string[], opts: Parameters<typeof pai>[1] = {}): Promise<string> {
  const r = await pai(args, opts);
  expect(r.code, `pai ${args.join(' ')}\n${r.stderr}`).toBe(0);
  return r.stdout;
}

beforeAll(async () => {
  upstream = await new FakeUpstream().start();
  server = await startServer({ dataDir: await freshDataDir() });
});
afterAll(async () => {
  await server?.stop();
  await upstream?.stop();
});

describe('the LLM gateway end to end', () => {
  let key = '';

  it('an admin creates a provider and an access key; the key is printed once', async () => {
    await ok(['login', server.url, '--token', server.token, '--context', 'admin']);
    const manifest = path.join(configDir, 'nvidia.yaml');
    writeFileSync(
      manifest,
      `apiVersion: pai.io/v1
kind: ModelProvider
metadata: {name: nvidia}
spec:
  provider: openai
  endpoint: ${upstream.url}/v1
  apiKeySecretRef: {name: nvidia-key, key: api-key}
  allowedModels: [z-ai/glm4.7, meta/llama-3.1-8b]
  maxTokensPerDay: 5000000
  externalAccess: {enabled: true}
`,
    );
    await ok(['create', 'secret', 'nvidia-key', '--from-literal', `api-key=${UPSTREAM_KEY}`]);
    await ok(['apply', '-f', manifest]);
    const created = await pai(['access-key', 'create', '--name', 'alice-laptop', '--model-provider', 'nvidia', '--allowed-model', 'z-ai/glm4.7', '--allowed-cidr', '127.0.0.0/8', '--max-tokens-per-day', '100000']);
    expect(created.code, created.stderr).toBe(0);
    key = created.stdout.trim();
    expect(key).toMatch(/^pak_[A-Za-z0-9_-]{43}$/);
    expect(created.stderr).toMatch(/shown only this once/);
    const listed = await ok(['access-key', 'list']);
    expect(listed).toMatch(/^NAME\s+MODEL PROVIDERS\s+AGENT\s+KEY/m);
    expect(listed).toMatch(/alice-laptop\s+nvidia\s+—\s+[0-9a-f]{8}\s+100k/);
    expect(listed).not.toContain(key);
  });

  it('the developer logs in with the key (checked against the gateway) and evaluates pai gateway env', async () => {
    const login = await ok(['login', server.url, '--access-key', key, '--context', 'dev', '--use']);
    expect(login).toMatch(/with the access key alice-laptop\.\nContext dev is now current/);
    const env = await ok(['gateway', 'env']);
    expect(env).toBe(
      `export OPENAI_BASE_URL='${server.url}/ext/v1'\nexport OPENAI_API_KEY='${key}'\nexport ANTHROPIC_BASE_URL='${server.url}/ext'\nexport ANTHROPIC_AUTH_TOKEN='${key}'\n`,
    );
    const evaluated = execFileSync('sh', ['-c', `eval "$("${process.execPath}" "${PAI_BIN}" gateway env)"; printf '%s\\n%s' "$OPENAI_BASE_URL" "$OPENAI_API_KEY"`], {
      env: { ...process.env, PAI_CONFIG: configFile },
    }).toString();
    expect(evaluated).toBe(`${server.url}/ext/v1\n${key}`);
    const client = new OpenAI({ baseURL: evaluated.split('\n')[0], apiKey: evaluated.split('\n')[1], maxRetries: 0 });
    const res = await client.chat.completions.create({ model: 'nvidia/z-ai/glm4.7', messages: [{ role: 'user', content: 'hi' }] });
    expect(res.choices[0]!.message.content).toBe('hello from the fake');
    expect(upstream.seen.at(-1)!.headers.authorization).toBe(`Bearer ${UPSTREAM_KEY}`);
  });

  it.each([
    ['fish', `set -gx OPENAI_BASE_URL '%URL%/ext/v1'`],
    ['powershell', `$env:OPENAI_BASE_URL = '%URL%/ext/v1'`],
  ])('prints the variables for %s', async (shell, firstLine) => {
    const out = await ok(['gateway', 'env', '--shell', shell]);
    expect(out.split('\n')[0]).toBe(firstLine.replace('%URL%', server.url));
    expect(out.split('\n').filter(Boolean)).toHaveLength(4);
  });

  it('a key that the server refuses is not saved', async () => {
    const r = await pai(['login', server.url, '--access-key', 'pak_notarealkeynotarealkeynotarealkey12345', '--context', 'bogus']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/rejected the access key \(HTTP 401: /);
  });

  it('bad input is a 400 (never a 500 or a hung stream) and is charged nothing', async () => {
    const usedToday = async () => JSON.parse(await ok(['get', 'model-provider', 'nvidia', '-o', 'json', '--context', 'admin'])).status.tokensUsedToday as number;
    const before = await usedToday();
    const seen = upstream.seen.length;
    const client = new OpenAI({ baseURL: `${server.url}/ext/v1`, apiKey: key, maxRetries: 0 });
    const refused = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e);
    const messages = [{ role: 'user' as const, content: 'hi' }];
    expect(await refused(client.chat.completions.create({ model: 'nvidia/z-ai/glm4.7', messages, max_tokens: 1e19 }))).toBeInstanceOf(OpenAI.BadRequestError);
    expect(await refused(client.chat.completions.create({ model: 'nvidia/模型', messages, stream: true }))).toBeInstanceOf(OpenAI.BadRequestError);
    // What the SDK would not send: a body nested 100,000 deep.
    const nested = await fetch(`${server.url}/ext/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: `{"model":"nvidia/z-ai/glm4.7","messages":[{"role":"user","content":"hi"}],"metadata":${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
    });
    expect(nested.status).toBe(400);
    expect((await jsonOf(nested)).error.code).toBe('invalid_request');
    expect(upstream.seen.length).toBe(seen);
    expect(await usedToday()).toBe(before);
    expect(server.output()).not.toMatch(/"level":"error"/);
  });

  it('pai get model-providers shows LAST USED after gateway traffic', async () => {
    const out = await ok(['get', 'model-providers', '--context', 'admin']);
    expect(out).toMatch(/nvidia\s+openai\s+\S+\s+5M\s+\d+s\s+/);
  });

  it('rotating the key stops the old one; revoking stops the new one', async () => {
    const rotated = (await ok(['access-key', 'rotate', 'alice-laptop', '--context', 'admin'])).trim();
    expect(rotated).toMatch(/^pak_/);
    expect(rotated).not.toBe(key);
    const call = (k: string) => fetch(`${server.url}/ext/v1/models`, { headers: { authorization: `Bearer ${k}` } }).then((r) => r.status);
    expect(await call(key)).toBe(401);
    expect(await call(rotated)).toBe(200);
    await ok(['access-key', 'revoke', 'alice-laptop', '--context', 'admin']);
    expect(await call(rotated)).toBe(401);
    expect(await ok(['access-key', 'list', '--context', 'admin'])).toMatch(/alice-laptop\s+nvidia\s+—\s+none/);
  });

  it('never writes the upstream key or an access key to the server log or the CLI output', () => {
    const log = server.output();
    expect(log).toContain('"msg":"gateway request"');
    for (const secret of [UPSTREAM_KEY, key]) {
      expect(log).not.toContain(secret);
      for (const o of outputs.slice(2)) expect(o.stderr).not.toContain(secret);
    }
  });
});
