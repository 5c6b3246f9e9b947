import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { lockDataDir } from './data-dir-lock.js';
import { StoreSetupError } from './errors.js';
import { migrate } from './migrations.js';
import { openPgliteDriver } from './pglite-driver.js';
import { ResourceStore } from './resource-store.js';
import { SecretBox } from './secret-box.js';
import { loadOrCreateSecretKey } from './secret-key-file.js';
import type { SqlDriver } from './sql-driver.js';
import { TokenStore } from './token-store.js';

/** The control plane's storage: resources (with encrypted secret values) and admin tokens. */
export interface Store {
  resources: ResourceStore;
  tokens: TokenStore;
  /** Things worth telling the operator at start-up (e.g. a key file readable by others). */
  notices: string[];
  close(): Promise<void>;
}

/** Where and how to open the store. */
export interface OpenStoreOptions {
  /** The data dir: PGlite in `<dataDir>/pglite`, the key in `<dataDir>/secret.key`. Undefined =
   * in memory with a random key (unit tests). */
  dataDir?: string;
  /** `postgres://…`: PostgreSQL instead of PGlite; the key file still lives in `dataDir`, and
   * several servers may share the database (each with a copy of the same key file). */
  databaseUrl?: string;
  /** An already open SQL backend (tests). */
  driver?: SqlDriver;
}

/**
 * Opens (creating on first start) the store: locks the data dir, opens the database, applies
 * migrations, loads the secret key and checks that it is the key the stored secrets were written
 * with. Setup problems are StoreSetupErrors with a message for the operator.
 */
export async function openStore(opts: OpenStoreOptions = {}): Promise<Store> {
  const notices: string[] = [];
  let unlock = (): void => {};
  let key: Buffer;
  if (opts.dataDir) {
    mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
    // Only the embedded database is single-process; PostgreSQL serves many servers.
    if (!opts.databaseUrl) unlock = lockDataDir(opts.dataDir);
    try {
      const loaded = loadOrCreateSecretKey(path.join(opts.dataDir, 'secret.key'));
      if (loaded.warning) notices.push(loaded.warning);
      key = loaded.key;
    } catch (err) {
      unlock();
      throw err;
    }
  } else {
    key = randomBytes(32);
  }
  let db: SqlDriver | undefined;
  try {
    db =
      opts.driver ??
      (opts.databaseUrl
        ? await (await import('./pg-driver.js')).openPgDriver(opts.databaseUrl)
        : await openPgliteDriver(opts.dataDir ? path.join(opts.dataDir, 'pglite') : undefined));
    await migrate(db);
    const box = new SecretBox(key);
    await checkSecretKey(db, box, opts.dataDir);
    const driver = db;
    return {
      resources: new ResourceStore(driver, box),
      tokens: new TokenStore(driver),
      notices,
      close: async () => {
        try {
          await driver.close();
        } finally {
          unlock();
        }
      },
    };
  } catch (err) {
    await db?.close().catch(() => {});
    unlock();
    throw err;
  }
}

/** A key file replaced or regenerated after secrets were stored would make them unreadable; say
 * so at start-up instead of failing on the first read. */
async function checkSecretKey(db: SqlDriver, box: SecretBox, dataDir: string | undefined): Promise<void> {
  await db.query(`INSERT INTO server_settings (name, value) VALUES ('secret_key_id', $1) ON CONFLICT DO NOTHING`, [box.keyId]);
  const { rows } = await db.query<{ value: string }>(`SELECT value FROM server_settings WHERE name = 'secret_key_id'`);
  if (rows[0]?.value !== box.keyId) {
    throw new StoreSetupError(
      `the secret key${dataDir ? ` in ${path.join(dataDir, 'secret.key')}` : ''} is not the key this store's Secrets were encrypted with`,
      'restore the original secret.key (from a backup of the data dir); a new key cannot decrypt existing Secrets',
    );
  }
}
