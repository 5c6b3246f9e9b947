import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

/** A PostgreSQL for tests: `PAI_TEST_DATABASE_URL`, or a throwaway cluster on 127.0.0.1. */
export interface TestPostgres {
  /** A new, empty database; returns its URL. */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
}

let counter = 0;

/**
 * Starts a private PostgreSQL cluster (initdb into a temp dir, fsync off, 127.0.0.1 on a free
 * port) when the binaries are installed, or uses PAI_TEST_DATABASE_URL. Undefined when neither is
 * available: the PostgreSQL tests then skip.
 */
export async function startTestPostgres(): Promise<TestPostgres | undefined> {
  const external = process.env.PAI_TEST_DATABASE_URL;
  if (external) return { createDatabase: () => createDatabase(external), stop: async () => {} };
  const bin = findPostgresBin();
  if (!bin) return undefined;
  const root = mkdtempSync(path.join(tmpdir(), 'pai-test-pg-'));
  const asPostgres = process.getuid?.() === 0 ? postgresUid() : undefined;
  if (process.getuid?.() === 0 && !asPostgres) return undefined;
  if (asPostgres) chownSync(root, asPostgres, -1);
  const run = (cmd: string, args: string[]) => {
    const [file, argv] = asPostgres ? ['runuser', ['-u', 'postgres', '--', path.join(bin, cmd), ...args]] : [path.join(bin, cmd), args];
    const res = spawnSync(file, argv, { cwd: root, encoding: 'utf8' });
    if (res.status !== 0) throw new Error(`${cmd} failed: ${res.stderr}`);
  };
  const port = await freePort();
  const dataDir = path.join(root, 'data');
  try {
    run('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'pai', '--no-sync', '-E', 'UTF8']);
    run('pg_ctl', [
      '-D',
      dataDir,
      '-o',
      `-k ${root} -c listen_addresses=127.0.0.1 -p ${port} -c fsync=off -c max_connections=200`,
      '-l',
      path.join(root, 'log'),
      '-w',
      'start',
    ]);
  } catch {
    rmSync(root, { recursive: true, force: true });
    return undefined;
  }
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
}

async function createDatabase(adminUrl: string): Promise<string> {
  const name = `pai_test_${process.pid}_${++counter}`;
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
  for (const dir of (process.env.PATH ?? '').split(':')) if (existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'pg_ctl'))) return dir;
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian))
    for (const v of readdirSync(debian).sort().reverse()) if (existsSync(path.join(debian, v, 'bin', 'initdb'))) return path.join(debian, v, 'bin');
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
