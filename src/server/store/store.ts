import { UserError } from '../../lib/user-error.js';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { secureDataDir } from './data-dir-files.js';
import { migrate } from './migrations.js';
import { openDatabase } from './open-database.js';
import { ResourceStore } from './resource-store.js';
import { SecretBox } from './secret-box.js';
import { loadOrCreateSecretKey } from './secret-key-file.js';
import type { SqlDriver } from './sql-driver.js';
import { TokenStore } from './token-store.js';

/** The control plane's storage: resources (with encrypted secret values) and admin tokens. */
export interface Store {
  resources: ResourceStore;
  tokens: TokenStore;
  /** The SQL backend itself, for the gateway's own tables (AccessKey hashes, budgets). */
  db: SqlDriver;
  /** Other servers write to the same database (PostgreSQL): a server may cache nothing it reads
   * from it that another replica could change (see docs/scaling.md). */
  shared: boolean;
  /** Things worth telling the operator at start-up (e.g. a key file readable by others). */
  notices: string[];
  close(): Promise<void>;
}

/** Where and how to open the store. */
export interface OpenStoreOptions {
  /** The data dir: PGlite in `<dataDir>/pglite`, the key in `<dataDir>/secret.key`. Undefined =
   * in memory with a random key (unit tests). */
  dataDir?: string;
  /** `postgres://…`: PostgreSQL instead of PGlite; the key file still lives in `dataDir` unless
   * `secretKey` is given, and several servers may share the database (each with the same key). */
  databaseUrl?: string;
  /** The secret key itself (`--secret-key-file`, `PAI_SECRET_KEY`) instead of `<dataDir>/secret.key`. */
  secretKey?: Buffer;
  /** An already open SQL backend (tests). */
  driver?: SqlDriver;
}

/**
 * Opens (creating on first start) the store: loads the secret key, opens (and for PGlite locks)
 * the database, applies migrations — several servers starting at once on one PostgreSQL queue on
 * the migrations' advisory lock — and checks that the key is the one the stored secrets were
 * written with. Setup problems are UserErrors with a message and a hint for the operator.
 */
export async function openStore(opts: OpenStoreOptions = {}): Promise<Store> {
  const notices: string[] = [];
  let key: Buffer;
  // Even on PostgreSQL with an explicit key the data dir holds admin.token from the first start.
  if (opts.dataDir) {
    const tightened = secureDataDir(opts.dataDir);
    if (tightened) notices.push(tightened);
  }
  if (opts.secretKey) {
    key = opts.secretKey;
  } else if (opts.dataDir) {
    const loaded = loadOrCreateSecretKey(path.join(opts.dataDir, 'secret.key'));
    if (loaded.warning) notices.push(loaded.warning);
    key = loaded.key;
  } else {
    key = randomBytes(32);
  }
  const db = opts.driver
    ? { driver: opts.driver, shared: Boolean(opts.databaseUrl), close: () => opts.driver!.close() }
    : await openDatabase({ ...(opts.dataDir ? { dataDir: opts.dataDir } : {}), ...(opts.databaseUrl ? { databaseUrl: opts.databaseUrl } : {}) });
  try {
    await migrate(db.driver);
    const box = new SecretBox(key);
    await checkSecretKey(db.driver, box, opts.secretKey ? undefined : opts.dataDir);
    return {
      resources: new ResourceStore(db.driver, box),
      tokens: new TokenStore(db.driver),
      db: db.driver,
      shared: db.shared,
      notices,
      close: () => db.close(),
    };
  } catch (err) {
    await db.close().catch(() => {});
    throw err;
  }
}

/** A key file replaced or regenerated after secrets were stored would make them unreadable; say
 * so at start-up instead of failing on the first read. */
async function checkSecretKey(db: SqlDriver, box: SecretBox, dataDir: string | undefined): Promise<void> {
  await db.query(`INSERT INTO server_settings (name, value) VALUES ('secret_key_id', $1) ON CONFLICT DO NOTHING`, [box.keyId]);
  const { rows } = await db.query<{ value: string }>(`SELECT value FROM server_settings WHERE name = 'secret_key_id'`);
  if (rows[0]?.value !== box.keyId) {
    throw new UserError(
      `the secret key${dataDir ? ` in ${path.join(dataDir, 'secret.key')}` : ' given'} is not the key this store's Secrets were encrypted with`,
      'use the original secret.key (from the first data dir, or a backup of it); every server of one database needs that same key (--secret-key-file or PAI_SECRET_KEY), and a new key cannot decrypt existing Secrets',
    );
  }
}
