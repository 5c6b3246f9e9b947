import { UserError } from '../../lib/user-error.js';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { lockDataDir } from './data-dir-lock.js';
import { describeUrl } from './database-url.js';
import { openPgliteDriver } from './pglite-driver.js';
import type { SqlDriver } from './sql-driver.js';

/**
 * Where the control plane's database is: PostgreSQL at `databaseUrl`, else PGlite in
 * `<dataDir>/pglite`, else (neither) PGlite in memory for unit tests.
 */
export interface DatabaseLocation {
  dataDir?: string;
  databaseUrl?: string;
}

/** An open database and what callers need to know about it. */
export interface OpenDatabase {
  driver: SqlDriver;
  /** Other processes may write to it (PostgreSQL): nothing read from it may be cached for long. */
  shared: boolean;
  /** For messages: `PostgreSQL at host:port/db` or `the data dir DIR` (never a password). */
  description: string;
  /** Closes the connection and releases the data dir lock. */
  close(): Promise<void>;
}

/**
 * Opens the database without touching the schema or the secret key, for the server and for the
 * maintenance commands (`pai server migrate`, `export`, `import`). A PGlite data dir is locked
 * first: a second process on it would corrupt it, so a maintenance command refuses to run beside
 * a server. `mustExist` refuses a data dir that holds no database yet (export reads, never
 * creates).
 */
export async function openDatabase(location: DatabaseLocation, opts: { mustExist?: boolean } = {}): Promise<OpenDatabase> {
  if (location.databaseUrl) {
    const { openPgDriver } = await import('./pg-driver.js');
    const driver = await openPgDriver(location.databaseUrl);
    return { driver, shared: true, description: `PostgreSQL at ${describeUrl(location.databaseUrl)}`, close: () => driver.close() };
  }
  if (!location.dataDir) {
    const driver = await openPgliteDriver(undefined);
    return { driver, shared: false, description: 'an in-memory database', close: () => driver.close() };
  }
  const pgliteDir = path.join(location.dataDir, 'pglite');
  if (opts.mustExist && !existsSync(path.join(pgliteDir, 'PG_VERSION'))) {
    throw new UserError(`there is no pai data in ${location.dataDir}`, 'check --data-dir: it is the directory `pai server --data-dir` was started with');
  }
  mkdirSync(location.dataDir, { recursive: true, mode: 0o700 });
  const unlock = lockDataDir(location.dataDir);
  try {
    const driver = await openPgliteDriver(pgliteDir);
    return {
      driver,
      shared: false,
      description: `the data dir ${location.dataDir}`,
      close: async () => {
        try {
          await driver.close();
        } finally {
          unlock();
        }
      },
    };
  } catch (err) {
    unlock();
    throw err;
  }
}
