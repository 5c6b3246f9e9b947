import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openPgliteDriver } from '../../src/server/store/pglite-driver.js';
import { REPO_ROOT } from './cli.js';

/** Data dirs (~40 MB of PGlite each) made here are removed when the test process exits. */
const createdDirs: string[] = [];
process.on('exit', () => {
  for (const dir of createdDirs) rmSync(dir, { recursive: true, force: true });
});

/** An empty temp data dir: a server started on it runs initdb (a first start). */
export function emptyDataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pai-test-data-'));
  createdDirs.push(dir);
  return dir;
}

/**
 * PGlite's initdb takes seconds (more on a busy machine), and almost every server test needs a
 * fresh data dir. The first caller initialises one PGlite cluster as a template (shared by all
 * test files through a directory named after the PGlite version); each fresh data dir gets a copy
 * of it, and the server then only runs its migrations. A real first start (initdb) is still
 * tested in startup.test.ts.
 */
export async function freshDataDir(): Promise<string> {
  const template = await pgliteTemplate();
  const dir = emptyDataDir();
  cpSync(template, path.join(dir, 'pglite'), { recursive: true });
  return dir;
}

async function pgliteTemplate(): Promise<string> {
  const { version } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version: string };
  const final = path.join(tmpdir(), `pai-test-pglite-template-${version}`);
  if (existsSync(path.join(final, 'READY'))) return path.join(final, 'pglite');
  const building = mkdtempSync(path.join(tmpdir(), 'pai-test-pglite-building-'));
  const db = await openPgliteDriver(path.join(building, 'pglite'));
  await db.close();
  writeFileSync(path.join(building, 'READY'), '');
  try {
    renameSync(building, final); // atomic: concurrent test files race here, one wins
  } catch {
    rmSync(building, { recursive: true, force: true });
  }
  return path.join(final, 'pglite');
}
