import { UserError } from '../../lib/user-error.js';
import path from 'node:path';
import { isPostgresUrl } from '../store/database-url.js';
import type { DatabaseLocation } from '../store/open-database.js';
import { defaultDataDir } from './data-dir.js';

/** The `--data-dir` / `--database-url` flags of a maintenance command, as given. */
export interface StoreLocationFlags {
  'data-dir'?: string | undefined;
  'database-url'?: string | undefined;
}

/**
 * Which database a maintenance command (`pai server migrate`, `export`, `import`) works on:
 * `--database-url`, else `--data-dir`, else `PAI_DATABASE_URL`, else the default data dir — the
 * same one `pai server` would use. Giving both flags is refused rather than guessed: a command
 * that writes must never pick the other database than the one meant. An explicit --data-dir beats
 * PAI_DATABASE_URL, so `export --data-dir DIR` works in a shell set up for the PostgreSQL replicas.
 */
export function resolveStoreLocation(flags: StoreLocationFlags, env: NodeJS.ProcessEnv = process.env): DatabaseLocation {
  const url = flags['database-url'];
  if (url !== undefined && flags['data-dir'] !== undefined) {
    throw new UserError('--data-dir and --database-url name two different databases', 'give one of them');
  }
  if (url !== undefined) return postgres(url, '--database-url');
  if (flags['data-dir'] !== undefined) return dataDir(path.resolve(flags['data-dir']));
  if (env.PAI_DATABASE_URL) return postgres(env.PAI_DATABASE_URL, 'PAI_DATABASE_URL');
  return dataDir(defaultDataDir(env));
}

function postgres(url: string, source: string): DatabaseLocation {
  if (!isPostgresUrl(url)) {
    throw new UserError(`${source} must be a postgres:// or postgresql:// URL`, 'e.g. postgres://pai:PASSWORD@db.example.com:5432/pai');
  }
  return { databaseUrl: url };
}

function dataDir(dir: string): DatabaseLocation {
  return { dataDir: dir };
}
