import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { copyBinary, copyFromBlobSql } from './append-rows.js';
import type { SqlDriver, SqlQueryable, SqlResult } from './sql-driver.js';

/**
 * The embedded backend: PGlite (PostgreSQL compiled to WebAssembly) in `dir`, or in memory when
 * `dir` is undefined (unit tests). PGlite has a single connection and queues every query and
 * transaction behind one mutex, so transactions are serialised for us.
 */
export async function openPgliteDriver(dir: string | undefined): Promise<SqlDriver> {
  let db: PGlite;
  if (dir) {
    const fresh = !existsSync(path.join(dir, 'PG_VERSION'));
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    db = await PGlite.create({ dataDir: dir });
    if (fresh) {
      // initdb leaves the WebAssembly heap at ~800 MB and it never shrinks; a reopen starts at ~300.
      await db.close();
      db = await PGlite.create({ dataDir: dir });
    }
  } else {
    db = await PGlite.create({});
  }
  const wrap = (q: PGlite | Transaction): SqlQueryable => ({
    async query<R>(sql: string, params: unknown[] = []): Promise<SqlResult<R>> {
      const res = await q.query<R>(sql, params);
      return { rows: res.rows, rowCount: res.affectedRows ?? 0 };
    },
  });
  const top = wrap(db);
  return {
    query: top.query,
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    appendRows: async (table, columns, rows) => {
      await db.query(copyFromBlobSql(table, columns), [], { blob: new Blob([copyBinary(columns, rows)]) });
    },
    close: () => db.close(),
  };
}
