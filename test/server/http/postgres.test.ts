import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../helpers/server.js';
import { apiClient, type ApiClient } from './api-client.js';
import { manifest, modelProvider, seedDependencies } from './manifests.js';
import { postgresForTests, type TestPostgres } from '../../helpers/postgres.js';

// Two pai servers on one PostgreSQL database: the multi-instance deployment --database-url allows.
let cluster: TestPostgres | undefined;
let databaseUrl: string;
const servers: RunningServer[] = [];
let a: ApiClient;
let b: ApiClient;
const CANARY = 'PG-CANARY-51e0b2-not-in-the-database';

beforeAll(async () => {
  cluster = await postgresForTests();
  if (!cluster) return;
  databaseUrl = await cluster.createDatabase();
  const first = await startServer({ args: ['--database-url', databaseUrl] });
  servers.push(first);
  // Every server of one database needs the same secret key: copy it, as an operator would.
  const secondDir = mkdtempSync(path.join(tmpdir(), 'pai-test-data-'));
  copyFileSync(path.join(first.dataDir, 'secret.key'), path.join(secondDir, 'secret.key'));
  const second = await startServer({ dataDir: secondDir, token: first.token, args: ['--database-url', databaseUrl] });
  servers.push(second);
  a = apiClient(first);
  b = apiClient(second);
});
afterAll(async () => {
  for (const s of servers) await s.stop();
  await cluster?.stop();
});
beforeEach((ctx) => {
  if (!cluster) ctx.skip(); // no PostgreSQL on this machine
});

describe('pai server --database-url (two servers, one PostgreSQL)', () => {
  it('a write through one server is read through the other, secrets included', async () => {
    expect((await a.post('/v1/namespaces/pg/secrets', manifest('Secret', 'key', { stringData: { 'api-key': CANARY } }))).status).toBe(201);
    // The Secret the ModelProviders name (admission refuses dangling references), through the batch.
    await seedDependencies(a, 'pg');
    expect((await a.post('/v1/namespaces/pg/modelproviders', modelProvider('mp', 'pg'))).status).toBe(201);
    const viaB = await b.get('/v1/namespaces/pg/modelproviders/mp');
    expect(viaB.status).toBe(200);
    expect((await b.get('/v1/modelproviders')).text).toBe((await a.get('/v1/modelproviders')).text);
    // B decrypts what A encrypted: rewriting the same value leaves generation at 1.
    const same = await b.put('/v1/namespaces/pg/secrets/key', manifest('Secret', 'key', { stringData: { 'api-key': CANARY } }));
    expect(same.body.metadata.generation).toBe(1);
  });

  it('100 concurrent PUTs through both servers with one resourceVersion: exactly one wins', async () => {
    const created = await a.put('/v1/namespaces/pg/modelproviders/hot', modelProvider('hot', 'pg'));
    const rv = created.body.metadata.resourceVersion;
    const responses = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        (i % 2 ? a : b).put('/v1/namespaces/pg/modelproviders/hot', {
          ...modelProvider('hot', 'pg', 2000 + i),
          metadata: { name: 'hot', namespace: 'pg', resourceVersion: rv },
        }),
      ),
    );
    expect(responses.filter((r) => r.status === 200)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 409)).toHaveLength(99);
    expect((await b.get('/v1/namespaces/pg/modelproviders/hot')).body.metadata.generation).toBe(2);
  });

  it('a token created on one server works on the other at once, and revocation too (within the cache window)', async () => {
    const { token } = (await a.post('/v1/tokens', { name: 'shared' })).body;
    expect((await b.get('/v1/whoami', { token })).body).toEqual({ kind: 'AdminToken', name: 'shared', role: 'admin' });
    expect((await b.del('/v1/tokens/shared')).status).toBe(200);
    expect((await b.get('/v1/whoami', { token })).status).toBe(401);
  });

  it('keeps secret values out of the database in plain text, and out of logs', async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const docs = await client.query('SELECT doc FROM resources');
      expect(JSON.stringify(docs.rows)).not.toContain(CANARY);
      const blobs = await client.query<{ ciphertext: Buffer }>('SELECT ciphertext FROM secret_values');
      for (const r of blobs.rows) expect(r.ciphertext.includes(Buffer.from(CANARY))).toBe(false);
    } finally {
      await client.end();
    }
    for (const s of servers) expect(s.output()).not.toContain(CANARY);
  });

  it('a server with another secret key is refused: it could not read the stored secrets', async () => {
    await expect(startServer({ args: ['--database-url', databaseUrl] })).rejects.toThrow(/not the key this store's Secrets were encrypted with/);
  });

  it('an unreachable database is a clear error that does not show the password', async () => {
    const err = (await startServer({ args: ['--database-url', 'postgres://nobody:hunter2-secret@127.0.0.1:1/nothing'] }).catch((e: Error) => e)) as Error;
    expect(err.message).toMatch(/cannot connect to PostgreSQL at 127\.0\.0\.1:1\/nothing/);
    expect(err.message).not.toContain('hunter2-secret');
    expect(err.message).not.toMatch(/\n\s+at /);
  });
});
