import type { AppendColumn, AppendValue } from './append-rows.js';

/**
 * The only database surface the store uses, so that the embedded PGlite backend and a PostgreSQL
 * backend (`pg`, behind `--database-url`) are interchangeable. Every statement the store sends is
 * plain PostgreSQL 15 with `$n` parameters; drivers only move rows in and out.
 */

/** Rows as plain objects. Drivers differ in how they type int8 (number vs string) and bytea
 * (Uint8Array vs Buffer); callers normalise with `Number()` and `Buffer.from()`. */
export interface SqlResult<R> {
  rows: R[];
  /** Rows inserted, updated or deleted by the statement (0 for none). */
  rowCount: number;
}

/** Something that runs one statement: the driver itself, or an open transaction. */
export interface SqlQueryable {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<SqlResult<R>>;
}

/**
 * A database connection (or pool). `transaction` runs `fn` between BEGIN and COMMIT and rolls
 * back when it throws; transactions never interleave on one connection, which is what PGlite's
 * single connection needs and what a pool gives per client.
 */
export interface SqlDriver extends SqlQueryable {
  transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  /** Inserts many rows in one statement, the cheapest way the backend has (PGlite: binary COPY,
   * which costs the server's own thread about half what array parameters do; PostgreSQL: unnest). */
  appendRows(table: string, columns: readonly AppendColumn[], rows: readonly (readonly AppendValue[])[]): Promise<void>;
  close(): Promise<void>;
}
