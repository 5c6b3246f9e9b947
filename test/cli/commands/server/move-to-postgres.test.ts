/**
 * The documented way from one machine to replicas (docs/scaling.md), with the real CLI: stop the
 * embedded server, `pai server export --data-dir`, `pai server import --database-url`, start a
 * replica on PostgreSQL with the old secret.key — and find everything as it was.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KINDS } from '../../../../src/api/kinds.js';
import { MIGRATIONS } from '../../../../src/server/store/migrations.js';
import { runCli } from '../../../helpers/cli.js';
import { postgresForTests, type TestPostgres } from '../../../helpers/postgres.js';
import { startServer, type RunningServer } from '../../../helpers/server.js';

let cluster: TestPostgres | undefined;
const work = mkdtempSync(path.join(tmpdir(), 'pai-move-'));
const servers: RunningServer[] = [];
const CANARY = 'CANARY-moved-secret-4f1c';
beforeAll(async () => {
  cluster = await postgresForTests();
});
afterAll(async () => {
  for (const s of servers) await s.stop();
  await cluster?.stop();
  rmSync(work, { recursive: true, force: true });
});
beforeEach((ctx) => {
  if (!cluster) ctx.skip(); // no PostgreSQL on this developer machine
});

const env = { PAI_DATABASE_URL: undefined, PAI_DATA_DIR: undefined };

async function call(server: RunningServer, method: string, urlPath: string, body?: unknown, token = server.token): Promise<{ status: number; json: any }> {
  const res = await fetch(server.url + urlPath, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: await res.json() };
}

/** Every resource of every kind, as the API lists them. */
async function everything(server: RunningServer): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const info of Object.values(KINDS)) out[info.plural] = (await call(server, 'GET', `/v1/${info.plural}`)).json.items;
  return out;
}

describe('pai server migrate', () => {
  it('applies the schema to a new database and says so; a second run has nothing to do', async () => {
    const url = await cluster!.createDatabase();
    const first = await runCli(['server', 'migrate', '--database-url', url], { env });
    expect(first.code, first.stderr).toBe(0);
    const latest = MIGRATIONS.at(-1)!.version;
    expect(first.stdout).toBe(
      `Applied ${MIGRATIONS.length} migration${MIGRATIONS.length === 1 ? '' : 's'} to PostgreSQL at ${url.replace(/^postgres:\/\/[^@]*@/, '')}:\n` +
        MIGRATIONS.map((m) => `  ${m.version}  ${m.name}\n`).join('') +
        `The schema is at version ${latest}.\n`,
    );
    const second = await runCli(['server', 'migrate', '--json'], { env: { ...env, PAI_DATABASE_URL: url } });
    expect(JSON.parse(second.stdout)).toEqual({ formatVersion: 1, applied: [], schemaVersion: latest });
  });

  it.each([
    ['both flags', ['--data-dir', 'x', '--database-url', 'postgres://a@127.0.0.1/b'], /two different databases/],
    ['a URL that is not PostgreSQL', ['--database-url', 'mysql://a@b/c'], /must be a postgres:\/\//],
    ['an unreachable PostgreSQL (the password never shown)', ['--database-url', 'postgres://pai:hunter2secret@127.0.0.1:1/x'], /cannot connect to PostgreSQL at 127\.0\.0\.1:1\/x/],
  ])('refuses %s with a message and exit 1', async (_name, args, message) => {
    const res = await runCli(['server', 'migrate', ...args], { env });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(message);
    expect(res.stderr + res.stdout).not.toContain('hunter2secret');
    expect(res.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});

describe('moving an embedded data dir into PostgreSQL', () => {
  it('export → import → a replica with the old secret.key serves the same resources, tokens and secrets', async () => {
    const source = await startServer();
    servers.push(source);
    const created = await call(source, 'POST', '/v1/tokens', { name: 'ci' });
    expect(created.status).toBe(201);
    expect((await call(source, 'POST', '/v1/namespaces/team/secrets', { apiVersion: 'pai.io/v1', kind: 'Secret', metadata: { name: 'key' }, spec: { stringData: { 'api-key': CANARY } } })).status).toBe(201);
    for (let i = 0; i < 5; i++) {
      const mp = { apiVersion: 'pai.io/v1', kind: 'ModelProvider', metadata: { name: `mp-${i}` }, spec: { provider: 'anthropic', apiKeySecretRef: { name: 'key', key: 'api-key' }, maxTokensPerDay: 10 + i } };
      expect((await call(source, 'POST', '/v1/namespaces/team/modelproviders', mp)).status).toBe(201);
    }
    const before = await everything(source);
    const busy = await runCli(['server', 'export', '--data-dir', source.dataDir], { env });
    expect(busy.code).toBe(1);
    expect(busy.stderr).toMatch(/in use by another pai server/);
    await source.stop();
    servers.splice(servers.indexOf(source), 1);

    const exported = await runCli(['server', 'export', '--data-dir', source.dataDir], { env });
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stderr).toMatch(/Exported the data dir .*: .*2 admin_tokens, .*6 resources, .*1 secret_values, 1 server_settings, 0 usage_daily\./);
    expect(exported.stdout).not.toContain(CANARY);
    expect(exported.stdout).not.toContain(created.json.token);

    const url = await cluster!.createDatabase();
    const imported = await runCli(['server', 'import', '--database-url', url], { env, input: exported.stdout });
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/Imported into PostgreSQL at .*: .*2 admin_tokens, .*6 resources, .*1 secret_values/);
    const again = await runCli(['server', 'import', '--database-url', url], { env, input: exported.stdout });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/not empty[\s\S]*--force/);
    const cut = await runCli(['server', 'import', '--database-url', url, '--force'], { env, input: exported.stdout.split('\n').slice(0, -2).join('\n') });
    expect(cut.code).toBe(1);
    expect(cut.stderr).toMatch(/cut short/);

    const replica = await startServer({
      token: source.token,
      args: ['--database-url', url, '--secret-key-file', path.join(source.dataDir, 'secret.key')],
      env: { PAI_SECRET_KEY: '' },
    });
    servers.push(replica);
    expect(await everything(replica)).toEqual(before);
    expect((await call(replica, 'GET', '/v1/whoami', undefined, created.json.token)).json).toEqual({ kind: 'AdminToken', name: 'ci', role: 'admin' });
    // The replica decrypts the moved value: writing the same value again is no change (generation 1).
    const same = await call(replica, 'PUT', '/v1/namespaces/team/secrets/key', { apiVersion: 'pai.io/v1', kind: 'Secret', metadata: { name: 'key' }, spec: { stringData: { 'api-key': CANARY } } });
    expect(same.json.metadata.generation).toBe(1);
    expect(replica.output()).not.toContain(CANARY);
  });

  it('a replica started with another key is refused before it serves anything', async () => {
    const url = await cluster!.createDatabase();
    const first = await startServer({ args: ['--database-url', url] });
    servers.push(first);
    await expect(startServer({ args: ['--database-url', url], env: { PAI_SECRET_KEY: Buffer.alloc(32, 7).toString('base64') } })).rejects.toThrow(
      /not the key this store's Secrets were encrypted with[\s\S]*--secret-key-file or PAI_SECRET_KEY/,
    );
  });
});
