import { UserError } from '../../../src/lib/user-error.js';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openPgDriver } from '../../../src/server/store/pg-driver.js';
import { freshDataDir } from '../../helpers/data-dir.js';
import { postgresForTests, type TestPostgres } from '../../helpers/postgres.js';
import { StoreError } from '../../../src/server/store/errors.js';
import { migrate, MIGRATIONS } from '../../../src/server/store/migrations.js';
import { openPgliteDriver } from '../../../src/server/store/pglite-driver.js';
import type { ResourceWrite } from '../../../src/server/store/resource-writer.js';
import type { SqlDriver } from '../../../src/server/store/sql-driver.js';
import { openStore, type Store } from '../../../src/server/store/store.js';
import { ResourceStore } from '../../../src/server/store/resource-store.js';
import { SecretBox } from '../../../src/server/store/secret-box.js';

// The same suite runs on PGlite (a data dir) and on PostgreSQL (PAI_TEST_DATABASE_URL, or a
// throwaway cluster when the binaries are installed; in CI a missing PostgreSQL fails the suite):
// the schema and queries are the same. One database per backend for the whole file (creating one
// costs seconds); tests use their own namespaces so they do not see each other.
let postgres: Promise<TestPostgres | undefined> | undefined;
const tempDirs: string[] = [];
afterAll(async () => {
  await (await postgres?.catch(() => undefined))?.stop();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

const BACKENDS: Array<[string, () => Promise<SqlDriver | undefined>]> = [
  [
    'PGlite',
    async () => {
      const dir = await freshDataDir();
      tempDirs.push(dir);
      return openPgliteDriver(path.join(dir, 'pglite'));
    },
  ],
  [
    'PostgreSQL',
    async () => {
      const pgCluster = await (postgres ??= postgresForTests());
      return pgCluster ? openPgDriver(await pgCluster.createDatabase()) : undefined;
    },
  ],
];

describe.each(BACKENDS)('store on %s', (_backend, open) => {
  let shared: SqlDriver | undefined;
  let driver: SqlDriver;
  let store: Store;

  beforeAll(async () => {
    shared = await open();
    if (!shared) return;
    driver = { ...shared, close: async () => {} }; // stores opened here must not close it
    store = await openStore({ driver });
  });
  afterAll(async () => shared?.close());
  beforeEach((ctx) => {
    if (!shared) ctx.skip(); // no PostgreSQL on this machine
  });

  function mp(namespace: string, name: string, maxTokensPerDay = 1, expectedResourceVersion?: string): ResourceWrite {
    return {
      key: { kind: 'ModelProvider', namespace, name },
      metadata: {},
      spec: { provider: 'anthropic', maxTokensPerDay },
      ...(expectedResourceVersion ? { expectedResourceVersion } : {}),
    };
  }

  async function rejection(p: Promise<unknown>): Promise<StoreError> {
    const err = await p.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(StoreError);
    return err as StoreError;
  }

  describe('migrations', () => {
    it('are idempotent: a second run applies nothing', async () => {
      expect(await migrate(driver)).toEqual([]);
      const { rows } = await driver.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
    });

    it('refuse a store written by a newer pai', async () => {
      await driver.query(`INSERT INTO schema_migrations (version, name) VALUES (9999, 'from the future')`);
      try {
        await expect(migrate(driver)).rejects.toThrow(UserError);
      } finally {
        await driver.query('DELETE FROM schema_migrations WHERE version = 9999');
      }
    });
  });

  describe('ResourceStore writes', () => {
    it('create, put (replace), remove, with versions from one counter', async () => {
      const created = await store.resources.write((w) => w.create(mp('w1', 'a')));
      expect(created.doc.metadata.generation).toBe(1);
      const replaced = await store.resources.write((w) => w.put(mp('w1', 'a', 2, created.doc.metadata.resourceVersion)));
      expect(replaced.created).toBe(false);
      expect(replaced.resource.doc.metadata.generation).toBe(2);
      expect(Number(replaced.resource.doc.metadata.resourceVersion)).toBe(Number(created.doc.metadata.resourceVersion) + 1);
      expect(JSON.parse((await store.resources.get({ kind: 'ModelProvider', namespace: 'w1', name: 'a' }))!)).toEqual(replaced.resource.doc);
      const removed = await store.resources.write((w) => w.remove({ kind: 'ModelProvider', namespace: 'w1', name: 'a' }));
      expect(removed.doc).toEqual(replaced.resource.doc);
      expect(await store.resources.get({ kind: 'ModelProvider', namespace: 'w1', name: 'a' })).toBeUndefined();
    });

    it.each([
      ['create of an existing name', 'AlreadyExists', async () => store.resources.write((w) => w.create(mp('w2', 'x')))],
      ['put with a stale resourceVersion', 'Conflict', async () => store.resources.write((w) => w.put(mp('w2', 'x', 1, '1')))],
      ['put with a resourceVersion on a missing resource', 'Conflict', async () => store.resources.write((w) => w.put(mp('w2', 'missing', 1, '5')))],
      [
        'remove of a missing resource',
        'NotFound',
        async () => store.resources.write((w) => w.remove({ kind: 'ModelProvider', namespace: 'w2', name: 'missing' })),
      ],
      [
        'remove with a stale resourceVersion',
        'Conflict',
        async () => store.resources.write((w) => w.remove({ kind: 'ModelProvider', namespace: 'w2', name: 'x' }, '1')),
      ],
    ])('%s → %s, and nothing changes', async (_name, reason, attempt) => {
      await store.resources.write((w) => w.put(mp('w2', 'x')));
      const before = await store.resources.list('ModelProvider');
      expect((await rejection(attempt())).reason).toBe(reason);
      expect(await store.resources.list('ModelProvider')).toEqual(before);
    });

    it('a failing write rolls back every earlier write of its transaction', async () => {
      const before = await store.resources.list('ModelProvider');
      await rejection(
        store.resources.write(async (w) => {
          await w.create(mp('w3', 'first'));
          await w.create(mp('w3', 'first'));
        }),
      );
      expect(await store.resources.list('ModelProvider')).toEqual(before);
    });

    it('100 concurrent writers with the same resourceVersion: exactly one wins', async () => {
      const base = await store.resources.write((w) => w.create(mp('w4', 'hot')));
      const rv = base.doc.metadata.resourceVersion;
      const outcomes = await Promise.allSettled(Array.from({ length: 100 }, (_, i) => store.resources.write((w) => w.put(mp('w4', 'hot', i + 10, rv)))));
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      expect(won).toHaveLength(1);
      expect(outcomes.filter((o) => o.status === 'rejected' && (o.reason as StoreError).reason === 'Conflict')).toHaveLength(99);
      const final = JSON.parse((await store.resources.get({ kind: 'ModelProvider', namespace: 'w4', name: 'hot' }))!);
      expect(final.metadata.generation).toBe(2);
      expect(final).toEqual((won[0] as PromiseFulfilledResult<{ resource: { doc: unknown } }>).value.resource.doc);
    });

    it('patchStatus merges server-owned status, moves the version, keeps spec and generation', async () => {
      const created = await store.resources.write((w) => w.create(mp('w5', 'used')));
      const patched = await store.resources.write((w) => w.patchStatus({ kind: 'ModelProvider', namespace: 'w5', name: 'used' }, { tokensUsedToday: 42 }));
      expect(patched.doc.status).toEqual({ lastUsed: null, tokensUsedToday: 42 });
      expect(patched.doc.spec).toEqual(created.doc.spec);
      expect(patched.doc.metadata.generation).toBe(1);
      expect(Number(patched.doc.metadata.resourceVersion)).toBeGreaterThan(Number(created.doc.metadata.resourceVersion));
      expect((await rejection(store.resources.write((w) => w.patchStatus({ kind: 'ModelProvider', namespace: 'w5', name: 'nope' }, {})))).reason).toBe(
        'NotFound',
      );
    });

    it('lists one kind across or within namespaces, sorted, in one JSON text', async () => {
      for (const [ns, name] of [
        ['l-b', 'b'],
        ['l-a', 'c'],
        ['l-a', 'a'],
      ])
        await store.resources.write((w) => w.create(mp(ns!, name!)));
      const items = JSON.parse('[' + (await store.resources.list('ModelProvider')).itemsJson + ']') as Array<{ metadata: { namespace: string; name: string } }>;
      const keys = items.map((i) => `${i.metadata.namespace}/${i.metadata.name}`).filter((k) => k.startsWith('l-'));
      expect(keys).toEqual(['l-a/a', 'l-a/c', 'l-b/b']);
      expect(JSON.parse('[' + (await store.resources.list('ModelProvider', 'l-a')).itemsJson + ']')).toHaveLength(2);
      expect((await store.resources.list('Agent', 'nothing')).itemsJson).toBe('');
    });

    it('an all-namespaces LIST is answered from the last listing only while no one wrote, on this store or another on the same database', async () => {
      // A second server on the same database, as replicas share one PostgreSQL.
      const replica = { resources: new ResourceStore(driver, new SecretBox(randomBytes(32))) };
      const names = async (s: Pick<Store, 'resources'>) =>
        (JSON.parse('[' + (await s.resources.list('ModelProvider')).itemsJson + ']') as Array<{ metadata: { name: string } }>).map((i) => i.metadata.name).filter((n) => n.startsWith('cache-'));
      await store.resources.write((w) => w.create(mp('cache', 'cache-a')));
      expect(await names(replica)).toEqual(['cache-a']);
      const first = await replica.resources.list('ModelProvider');
      expect(await replica.resources.list('ModelProvider')).toBe(first); // nothing written: the same listing
      await store.resources.write((w) => w.create(mp('cache', 'cache-b'))); // written through the other store
      expect(await names(replica)).toEqual(['cache-a', 'cache-b']);
      await store.resources.write((w) => w.create(mp('cache-other', 'x'))); // another kind's write moves the version too
      await store.resources.write((w) => w.remove({ kind: 'ModelProvider', namespace: 'cache', name: 'cache-a' }));
      expect(await names(replica)).toEqual(['cache-b']);
    });
  });

  describe('secrets in the store', () => {
    const secret = (values: Record<string, string>): ResourceWrite => ({
      key: { kind: 'Secret', namespace: 's1', name: 'creds' },
      metadata: {},
      spec: {},
      secretValues: new Map(Object.entries(values).map(([k, v]) => [k, Buffer.from(v)])),
    });

    it('keeps values only encrypted, outside the document, and readSecretValue decrypts them', async () => {
      const stored = await store.resources.write((w) => w.put(secret({ 'api-key': 'CANARY-store-level' })));
      expect(stored.resource.json).not.toContain('CANARY');
      expect(await store.resources.readSecretValue('s1', 'creds', 'api-key')).toBe('CANARY-store-level');
      expect(await store.resources.readSecretValue('s1', 'creds', 'other')).toBeUndefined();
      expect(await store.resources.readSecretValue('s1', 'nope', 'api-key')).toBeUndefined();
      const { rows } = await driver.query<{ ciphertext: Uint8Array }>(`SELECT ciphertext FROM secret_values WHERE name = 'creds'`);
      expect(Buffer.from(rows[0]!.ciphertext).includes(Buffer.from('CANARY'))).toBe(false);
    });

    it('deleting the Secret deletes its values', async () => {
      await store.resources.write((w) => w.put(secret({ k: 'v' })));
      await store.resources.write((w) => w.remove({ kind: 'Secret', namespace: 's1', name: 'creds' }));
      const { rows } = await driver.query(`SELECT 1 FROM secret_values WHERE namespace = 's1' AND name = 'creds'`);
      expect(rows).toHaveLength(0);
    });

    it('refuses to open with a key that is not the one the store was written with', async () => {
      const dirA = mkdtempSync(path.join(tmpdir(), 'pai-store-a-'));
      const dirB = mkdtempSync(path.join(tmpdir(), 'pai-store-b-'));
      await driver.query(`DELETE FROM server_settings WHERE name = 'secret_key_id'`);
      const first = await openStore({ dataDir: dirA, driver });
      await first.close();
      await expect(openStore({ dataDir: dirB, driver })).rejects.toThrow(/not the key/);
      const again = await openStore({ dataDir: dirA, driver });
      await again.close();
    });
  });

  describe('TokenStore', () => {
    it('creates, lists (never the token), verifies by hash, refuses duplicates and revoking the last one', async () => {
      const tokens = store.tokens;
      const t1 = await tokens.create('first');
      expect(t1).toMatch(/^pai_tok_[A-Za-z0-9_-]{43}$/);
      expect((await rejection(tokens.create('first'))).reason).toBe('AlreadyExists');
      const listed = await tokens.list();
      expect(listed.map((t) => t.name)).toEqual(['first']);
      expect(JSON.stringify(listed)).not.toContain(t1);
      expect((await rejection(tokens.revoke('first'))).reason).toBe('Conflict');
      expect((await rejection(tokens.revoke('absent'))).reason).toBe('NotFound');
      await tokens.create('second');
      await tokens.revoke('first');
      expect((await tokens.list()).map((t) => t.name)).toEqual(['second']);
      const hashes = await tokens.hashes();
      expect(hashes[0]!.hash).toHaveLength(32);
    });
  });
});
