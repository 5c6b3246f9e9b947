/**
 * Issue 16 item 4: Secret values out of band with GitOps. A Secret declared in git without values
 * (`spec: {}`) is applied; `pai create secret` then sets its values (it used to fail with "already
 * exists"); the next `pai plan` of the git directory shows no change; the LLM gateway calls the
 * upstream with that value. A Secret that has values is replaced only with --overwrite.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli, type CliResult } from '../helpers/cli.js';
import { FakeUpstream } from '../helpers/fake-upstream.js';
import { startServer, type RunningServer } from '../helpers/server.js';
import { freshDataDir } from '../helpers/data-dir.js';

const FIRST_KEY = 'sk-CANARY-out-of-band-first-0123456789';
const SECOND_KEY = 'sk-CANARY-out-of-band-second-0123456789';
let server: RunningServer;
let upstream: FakeUpstream;
const work = mkdtempSync(path.join(tmpdir(), 'pai-oob-'));
const repo = path.join(work, 'config-repo');
const configFile = path.join(work, 'config.json');
const outputs: CliResult[] = [];

async function pai(args: string[]): Promise<CliResult> {
  const r = await runCli(args, { cwd: repo, env: { PAI_CONFIG: configFile, PAI_SERVER: undefined, PAI_TOKEN: undefined }, timeoutMs: 120_000 });
  outputs.push(r);
  return r;
}
async function ok(args: string[]): Promise<CliResult> {
  const r = await pai(args);
  expect(r.code, `pai ${args.join(' ')}\n${r.stdout}\n${r.stderr}`).toBe(0);
  return r;
}
function git(...args: string[]): void {
  execFileSync('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=ci', ...args], { cwd: repo });
}
async function callGateway(key: string): Promise<string | undefined> {
  const client = new OpenAI({ baseURL: `${server.url}/ext/v1`, apiKey: key, maxRetries: 0 });
  await client.chat.completions.create({ model: 'up/m1', messages: [{ role: 'user', content: 'hi' }] });
  return upstream.seen.at(-1)!.headers.authorization;
}

beforeAll(async () => {
  upstream = await new FakeUpstream().start();
  server = await startServer({ dataDir: await freshDataDir() });
  mkdirSync(repo);
  writeFileSync(path.join(repo, 'config.yaml'), upstream.providerManifests('{}'));
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: repo });
  git('remote', 'add', 'origin', 'https://github.com/acme/oob.git');
  git('add', '-A');
  git('commit', '-qm', 'declare the secret without values');
  await ok(['login', server.url, '--token', server.token]);
});

afterAll(async () => {
  await server?.stop();
  await upstream?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('secret values out of band of a GitOps directory', () => {
  let accessKey = '';

  it('create secret sets the values of a Secret applied from git without values; plan then shows no change', async () => {
    await ok(['apply', '.', '--auto-approve']);
    const created = await ok(['create', 'secret', 'up-key', '--from-literal', `api-key=${FIRST_KEY}`, '--json']);
    expect(JSON.parse(created.stdout)).toEqual({ formatVersion: 1, created: { kind: 'Secret', namespace: 'default', name: 'up-key', keys: ['api-key'] }, outcome: 'configured' });
    const plan = await pai(['plan', '.', '--detailed-exitcode']);
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    expect(plan.stdout).toMatch(/No changes/);
    const live = JSON.parse((await ok(['get', 'secret', 'up-key', '-o', 'json'])).stdout);
    expect(live.metadata.annotations['pai.io/managed-by']).toBe('github.com/acme/oob#.');
    expect(live.status.keys.map((k: { name: string }) => k.name)).toEqual(['api-key']);
  });

  it('the gateway calls the upstream with the value set out of band', async () => {
    const minted = await ok(['access-key', 'create', '--name', 'dev', '--model-provider', 'up']);
    accessKey = minted.stdout.trim();
    expect(await callGateway(accessKey)).toBe(`Bearer ${FIRST_KEY}`);
  });

  it('a Secret that has values is not replaced without --overwrite (nor by its alias add secret)', async () => {
    const refused = await pai(['add', 'secret', 'up-key', '--from-literal', `api-key=${SECOND_KEY}`]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/secret\/up-key already has values \(keys: api-key\)/);
    expect(refused.stderr).toMatch(/Hint: pass --overwrite/);
    expect(await callGateway(accessKey)).toBe(`Bearer ${FIRST_KEY}`);
  });

  it('--overwrite replaces them; the plan still shows no change and the gateway uses the new value', async () => {
    const replaced = await ok(['create', 'secret', 'up-key', '--from-literal', `api-key=${SECOND_KEY}`, '--overwrite']);
    expect(replaced.stdout).toBe('secret/up-key configured\n');
    expect((await pai(['plan', '.', '--detailed-exitcode'])).code).toBe(0);
    expect(await callGateway(accessKey)).toBe(`Bearer ${SECOND_KEY}`);
  });

  it('a new GitOps apply of the Secret without values keeps them', async () => {
    writeFileSync(path.join(repo, 'config.yaml'), readFileSync(path.join(repo, 'config.yaml'), 'utf8').replace('allowedModels: [m1]', 'allowedModels: [m1, m2]'));
    git('commit', '-qam', 'allow m2');
    await ok(['apply', '.', '--auto-approve']);
    expect(await callGateway(accessKey)).toBe(`Bearer ${SECOND_KEY}`);
  });

  it('--dry-run -o yaml prints the declaration for git (no value) and sends nothing', async () => {
    const dry = await ok(['create', 'secret', 'new-key', '--from-literal', `api-key=${FIRST_KEY}`, '--dry-run', '-o', 'yaml']);
    expect(parse(dry.stdout)).toEqual({ apiVersion: 'pai.io/v1', kind: 'Secret', metadata: { name: 'new-key', namespace: 'default' }, spec: {} });
    expect(dry.stderr).toMatch(/keys api-key; the values are not printed/);
    const missing = await pai(['get', 'secret', 'new-key']);
    expect(missing.code).toBe(1);
  });

  it('no value ever appears in any output', () => {
    const all = outputs.map((o) => o.stdout + o.stderr).join('\n') + server.output();
    expect(all).not.toContain(FIRST_KEY);
    expect(all).not.toContain(SECOND_KEY);
  });
});
