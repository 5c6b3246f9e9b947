import { UserError } from '../../lib/user-error.js';
import pg from 'pg';
import { describeUrl } from './database-url.js';
import { unnestInsert } from './append-rows.js';
import type { SqlDriver, SqlQueryable, SqlResult } from './sql-driver.js';

/**
 * The PostgreSQL backend (`pai server --database-url postgres://…`): a connection pool; each
 * transaction runs on one pooled client. The schema and every statement are the ones PGlite runs.
 * Several servers may share one database: the version counter's row lock serialises writers, and
 * migrations take an advisory lock.
 */
export async function openPgDriver(url: string): Promise<SqlDriver> {
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 10_000 });
  // An idle client losing its connection must not crash the server; the next query reconnects.
  pool.on('error', () => {});
  try {
    await pool.query('SELECT 1');
  } catch (err) {
    await pool.end().catch(() => {});
    throw new UserError(
      `cannot connect to PostgreSQL at ${describeUrl(url)}: ${(err as Error).message}`,
      'check that the server is running and that --database-url (user, password, database) is right',
    );
  }
  const wrap = (q: pg.Pool | pg.PoolClient): SqlQueryable => ({
    async query<R>(sql: string, params: unknown[] = []): Promise<SqlResult<R>> {
      const res = await q.query(sql, params as unknown[]);
      return { rows: res.rows as R[], rowCount: res.rowCount ?? 0 };
    },
  });
  return {
    query: wrap(pool).query,
    async transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
        throw err;
      } finally {
        client.release(broken);
      }
    },
    async appendRows(table, columns, rows) {
      const { sql, params } = unnestInsert(table, columns, rows);
      await pool.query(sql, params);
    },
    close: () => pool.end(),
  };
}
