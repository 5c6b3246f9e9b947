import { afterAll, describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS } from '../../../src/server/store/migrations.js';
import { openPgDriver } from '../../../src/server/store/pg-driver.js';
import { openPgliteDriver } from '../../../src/server/store/pglite-driver.js';
import type { SqlDriver } from '../../../src/server/store/sql-driver.js';
import { hashToken, TokenStore } from '../../../src/server/store/token-store.js';
import { schemaVersionOf } from '../../../src/server/store/schema-version.js';
import { postgresForTests, type TestPostgres } from '../../helpers/postgres.js';

// Several replicas starting at once on one fresh PostgreSQL all run the migrations: the advisory
// lock makes them queue, so each migration is applied once and the others find it done.
// (The embedded PGlite is single-process; its data dir lock keeps a second server out.)
let postgres: Promise<TestPostgres | undefined> | undefined;
afterAll(async () => (await postgres?.catch(() => undefined))?.stop());

describe('migrations on PostgreSQL', () => {
  it('six migrators at once on a fresh database: each migration applied exactly once', async (ctx) => {
    const cluster = await (postgres ??= postgresForTests());
    if (!cluster) return ctx.skip();
    const url = await cluster.createDatabase();
    const drivers = await Promise.all(Array.from({ length: 6 }, () => openPgDriver(url)));
    try {
      const applied = await Promise.all(drivers.map((d) => migrate(d)));
      const all = MIGRATIONS.map((m) => m.version);
      expect(applied.filter((a) => a.length > 0)).toEqual([all]);
      expect(applied.filter((a) => a.length === 0)).toHaveLength(5);
      const { rows } = await drivers[0]!.query<{ version: number; n: string }>('SELECT version, count(*)::text AS n FROM schema_migrations GROUP BY version ORDER BY version');
      expect(rows).toEqual(all.map((version) => ({ version, n: '1' })));
      expect(await schemaVersionOf(drivers[0]!)).toBe(all.at(-1));
    } finally {
      await Promise.all(drivers.map((d) => d.close()));
    }
  });

  it('a failing migration leaves the schema as it was (one transaction)', async (ctx) => {
    const cluster = await (postgres ??= postgresForTests());
    if (!cluster) return ctx.skip();
    const db = await openPgDriver(await cluster.createDatabase());
    try {
      const broken = [...MIGRATIONS, { version: 9000, name: 'broken', sql: 'CREATE TABLE half_made (id int); SELECT no_such_function()' }];
      await expect(migrate(db, broken)).rejects.toThrow(/no_such_function/);
      expect(await schemaVersionOf(db)).toBe(0);
      const { rows } = await db.query(`SELECT to_regclass('half_made') AS t`);
      expect(rows).toEqual([{ t: null }]);
    } finally {
      await db.close();
    }
  });
});

/** A store made before token roles (schema 2) with one token: after migrating, it is an admin
 * token that never expires, and it still verifies. */
async function tokensMigrateAsAdmin(db: SqlDriver): Promise<void> {
  await migrate(db, MIGRATIONS.filter((m) => m.version <= 2));
  await db.query(`INSERT INTO admin_tokens (name, hash, created_at) VALUES ('old', $1, now())`, [hashToken('pai_tok_old').toString('hex')]);
  expect(await migrate(db, MIGRATIONS.filter((m) => m.version <= 3))).toEqual([3]);
  const tokens = new TokenStore(db);
  expect(await tokens.list()).toEqual([expect.objectContaining({ name: 'old', role: 'admin', expiresAt: null })]);
  expect(await tokens.hashes()).toEqual([{ name: 'old', hash: hashToken('pai_tok_old'), role: 'admin', expiresAt: null }]);
  await expect(db.query(`UPDATE admin_tokens SET role = 'root'`)).rejects.toThrow(/check/i);
}

describe('migration 3: admin token roles and expiry', () => {
  it('existing tokens become admin tokens that never expire (PGlite)', async () => {
    const db = await openPgliteDriver(undefined);
    try {
      await tokensMigrateAsAdmin(db);
    } finally {
      await db.close();
    }
  });

  it('existing tokens become admin tokens that never expire (PostgreSQL)', async (ctx) => {
    const cluster = await (postgres ??= postgresForTests());
    if (!cluster) return ctx.skip();
    const db = await openPgDriver(await cluster.createDatabase());
    try {
      await tokensMigrateAsAdmin(db);
    } finally {
      await db.close();
    }
  });
});
