import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

/** A PostgreSQL for tests: `PAI_TEST_DATABASE_URL` (what `.ci/run` starts), or a throwaway cluster. */
export interface TestPostgres {
  /** A new, empty database; returns its URL. */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
}

/** Why there is no PostgreSQL, said once per test file. */
export const NO_POSTGRES_HINT =
  'PostgreSQL tests need the Debian package `postgresql` (its initdb/pg_ctl) or PAI_TEST_DATABASE_URL=postgres://user@127.0.0.1:PORT/db of a role that may CREATE DATABASE';

/**
 * The PostgreSQL of a test file. On a developer machine without one it resolves to undefined (the
 * caller skips, and a line says why); in CI (`CI` set) a missing PostgreSQL is an error, so that
 * the PostgreSQL half of the suite can never pass by being skipped.
 */
export async function postgresForTests(): Promise<TestPostgres | undefined> {
  const found = await startTestPostgres();
  if (found) return found;
  if (process.env.CI) throw new Error(`CI is set but no PostgreSQL is available. ${NO_POSTGRES_HINT} (.ci/run installs and starts one).`);
  process.stderr.write(`skipping the PostgreSQL tests: ${NO_POSTGRES_HINT}\n`);
  return undefined;
}

let counter = 0;

/**
 * `PAI_TEST_DATABASE_URL` when set; else a private cluster (initdb into a temp dir, fsync off,
 * 127.0.0.1 on a free port; as the `postgres` user when running as root) when the binaries are
 * installed; else undefined.
 */
export async function startTestPostgres(): Promise<TestPostgres | undefined> {
  const external = process.env.PAI_TEST_DATABASE_URL;
  if (external) return { createDatabase: () => createDatabase(external), stop: async () => {} };
  const bin = findPostgresBin();
  if (!bin) return undefined;
  const asPostgres = process.getuid?.() === 0 ? postgresUid() : undefined;
  if (process.getuid?.() === 0 && asPostgres === undefined) return undefined;
  const root = mkdtempSync(path.join(tmpdir(), 'pai-test-pg-'));
  if (asPostgres !== undefined) chownSync(root, asPostgres, -1);
  const run = (cmd: string, args: string[]): void => {
    const [file, argv] = asPostgres !== undefined ? ['runuser', ['-u', 'postgres', '--', path.join(bin, cmd), ...args]] : [path.join(bin, cmd), args];
    const res = spawnSync(file, argv, { cwd: root, encoding: 'utf8' });
    if (res.status !== 0) throw new Error(`${cmd} failed: ${res.stderr}`);
  };
  const dataDir = path.join(root, 'data');
  try {
    const port = await freePort();
    run('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'pai', '--no-sync', '-E', 'UTF8']);
    run('pg_ctl', [
      '-D',
      dataDir,
      '-o',
      `-k ${root} -c listen_addresses=127.0.0.1 -p ${port} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300`,
      '-l',
      path.join(root, 'log'),
      '-w',
      'start',
    ]);
    const admin = `postgres://pai@127.0.0.1:${port}/postgres`;
    return {
      createDatabase: () => createDatabase(admin),
      stop: async () => {
        try {
          run('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
        } finally {
          rmSync(root, { recursive: true, force: true });
        }
      },
    };
  } catch (err) {
    process.stderr.write(`could not start a test PostgreSQL: ${(err as Error).message}\n`);
    rmSync(root, { recursive: true, force: true });
    return undefined;
  }
}

async function createDatabase(adminUrl: string): Promise<string> {
  const name = `pai_test_${process.pid}_${Date.now().toString(36)}_${++counter}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function findPostgresBin(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(':')) if (dir && existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'pg_ctl'))) return dir;
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    for (const v of readdirSync(debian).sort((a, b) => Number(b) - Number(a))) if (existsSync(path.join(debian, v, 'bin', 'initdb'))) return path.join(debian, v, 'bin');
  }
  return undefined;
}

function postgresUid(): number | undefined {
  try {
    return Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  } catch {
    return undefined;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}
