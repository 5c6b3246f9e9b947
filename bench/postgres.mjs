// PostgreSQL for the benchmarks: BENCH_DATABASE_URL or PAI_TEST_DATABASE_URL (a role that may
// CREATE DATABASE), else a throwaway cluster started from Debian's postgresql binaries (fsync on:
// these are write benchmarks). Shared by store.bench.mjs and gateway-replicas.bench.mjs.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

export function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** An admin URL of a PostgreSQL to create databases in, and how to stop it. */
export async function postgres() {
  const given = process.env.BENCH_DATABASE_URL ?? process.env.PAI_TEST_DATABASE_URL;
  if (given) return { admin: given, stop() {} };
  const debian = '/usr/lib/postgresql';
  const version = existsSync(debian) ? readdirSync(debian).sort((a, b) => Number(b) - Number(a)).find((v) => existsSync(`${debian}/${v}/bin/initdb`)) : undefined;
  if (!version) throw new Error('no PostgreSQL: install the Debian package postgresql, or set BENCH_DATABASE_URL');
  const bin = `${debian}/${version}/bin`;
  const root = mkdtempSync(path.join(tmpdir(), 'pai-bench-pg-'));
  const asRoot = process.getuid() === 0;
  if (asRoot) chownSync(root, Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), -1);
  const run = (cmd, args) => {
    const res = asRoot ? spawnSync('runuser', ['-u', 'postgres', '--', `${bin}/${cmd}`, ...args], { encoding: 'utf8' }) : spawnSync(`${bin}/${cmd}`, args, { encoding: 'utf8' });
    if (res.status !== 0) throw new Error(`${cmd}: ${res.stderr}`);
  };
  const port = await freePort();
  run('initdb', ['-D', `${root}/data`, '-A', 'trust', '-U', 'pai', '-E', 'UTF8']);
  run('pg_ctl', ['-D', `${root}/data`, '-l', `${root}/log`, '-w', 'start', '-o', `-k ${root} -c listen_addresses=127.0.0.1 -p ${port} -c max_connections=100`]);
  return {
    admin: `postgres://pai@127.0.0.1:${port}/postgres`,
    stop() {
      run('pg_ctl', ['-D', `${root}/data`, '-m', 'fast', '-w', 'stop']);
      rmSync(root, { recursive: true, force: true });
    },
  };
}

let databases = 0;
export async function freshDatabase(admin) {
  const name = `pai_bench_${process.pid}_${++databases}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}
