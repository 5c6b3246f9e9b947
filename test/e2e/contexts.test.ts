/**
 * Issue 16 item 5, contexts as a user meets them (real `pai server`, real CLI): logging in with a
 * developer's access key adds a context without taking the admin's current one away (unless
 * --use); contexts are named after the token's or key's name at the server's host; a refusal
 * shows the server's reason (a CIDR refusal is not "revoked"); each context has a default
 * namespace that get/describe/delete/create use.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli.js';
import { FakeUpstream } from '../helpers/fake-upstream.js';
import { startServer, type RunningServer } from '../helpers/server.js';
import { freshDataDir } from '../helpers/data-dir.js';

let server: RunningServer;
let upstream: FakeUpstream;
let host = '';
const work = mkdtempSync(path.join(tmpdir(), 'pai-contexts-'));
const configFile = path.join(work, 'config.json');

function pai(args: string[]): Promise<CliResult> {
  return runCli(args, { env: { PAI_CONFIG: configFile, PAI_SERVER: undefined, PAI_TOKEN: undefined } });
}
async function ok(args: string[]): Promise<string> {
  const r = await pai(args);
  expect(r.code, `pai ${args.join(' ')}\n${r.stdout}\n${r.stderr}`).toBe(0);
  return r.stdout;
}

beforeAll(async () => {
  upstream = await new FakeUpstream().start();
  server = await startServer({ dataDir: await freshDataDir() });
  host = new URL(server.url).host;
  await ok(['login', server.url, '--token', server.token]);
  const manifest = path.join(work, 'mp.yaml');
  writeFileSync(manifest, upstream.providerManifests('{stringData: {api-key: sk-CANARY-contexts-0123456789}}'));
  await ok(['apply', '-f', manifest]);
});

afterAll(async () => {
  await server?.stop();
  await upstream?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('pai login and contexts', () => {
  it('names the admin context after the token, at the server host', async () => {
    const list = JSON.parse(await ok(['context', 'list', '--json']));
    expect(list).toEqual({
      formatVersion: 1,
      currentContext: `admin@${host}`,
      contexts: [{ name: `admin@${host}`, server: server.url, credentials: ['token'], namespace: 'default', active: true }],
    });
  });

  it("an access key login adds a context named after the key and keeps the admin's current context", async () => {
    const key = (await ok(['access-key', 'create', '--name', 'alice-laptop', '--model-provider', 'up', '--allowed-cidr', '127.0.0.0/8'])).trim();
    const login = JSON.parse(await ok(['login', server.url, '--access-key', key, '--json']));
    expect(login).toEqual({ formatVersion: 1, context: `alice-laptop@${host}`, server: server.url, credential: 'access-key', verified: true, current: false, user: 'alice-laptop' });
    const list = JSON.parse(await ok(['context', 'list', '--json']));
    expect(list.currentContext).toBe(`admin@${host}`);
    await ok(['get', 'mp']);
    const human = await pai(['login', server.url, '--access-key', key]);
    expect(human.stdout).toContain(`Context alice-laptop@${host} saved; the current context is still admin@${host}`);
    const used = JSON.parse(await ok(['login', server.url, '--access-key', key, '--use', '--json']));
    expect(used.current).toBe(true);
    await ok(['context', 'use', `admin@${host}`]);
  });

  it("a key refused for the caller's address shows the server's reason, not a revoked-key hint", async () => {
    const key = (await ok(['access-key', 'create', '--name', 'far-away', '--model-provider', 'up', '--allowed-cidr', '10.0.0.0/8'])).trim();
    const r = await pai(['login', server.url, '--access-key', key]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/rejected the access key \(HTTP 403: AccessKey far-away may not be used from \S+ \(not in its allowedCIDRs\)\)/);
    expect(r.stderr).not.toMatch(/revoked/);
    expect(r.stderr).not.toContain(key);
  });

  it('a context has a default namespace that get, describe, create and delete use; -n still wins', async () => {
    expect(JSON.parse(await ok(['context', 'set-namespace', 'team-a', '--json']))).toEqual({ formatVersion: 1, context: `admin@${host}`, namespace: 'team-a' });
    expect(await ok(['create', 'secret', 'ns-key', '--from-literal', 'k=value-of-team-a'])).toBe('secret/ns-key created in namespace team-a\n');
    expect(JSON.parse(await ok(['get', 'secrets', '-o', 'json'])).items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual(['ns-key']);
    expect(await ok(['describe', 'secret', 'ns-key'])).toMatch(/Namespace:\s+team-a/);
    expect((await pai(['get', 'secret', 'ns-key', '-n', 'default'])).code).toBe(1);
    expect(await ok(['delete', 'secret', 'ns-key'])).toBe('secret/ns-key deleted\n');
    expect(JSON.parse(await ok(['context', 'list', '--json'])).contexts.find((c: { active: boolean }) => c.active).namespace).toBe('team-a');
    await ok(['context', 'set-namespace', 'default']);
    expect(JSON.parse(await ok(['get', 'secrets', '-o', 'json'])).items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual(['up-key']);
  });

  it('login --namespace saves the namespace with the context', async () => {
    await ok(['login', server.url, '--token', server.token, '--context', 'team-b', '--namespace', 'team-b']);
    expect(JSON.parse(await ok(['get', 'mp', '-o', 'json'])).metadata).toBeDefined();
    expect(JSON.parse(await ok(['get', 'mp', '--json'])).namespace).toBe('team-b');
  });
});
