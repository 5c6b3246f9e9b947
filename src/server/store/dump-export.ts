import { UserError } from '../../lib/user-error.js';
import { DUMP_FORMAT, DUMP_FORMAT_VERSION, type DumpHeader, type DumpSummary, type DumpTrailer } from './dump-format.js';
import { dumpTables, quoteIdent, quoteLiteral, type DumpTable } from './dump-tables.js';
import { latestSchemaVersion } from './migrations.js';
import { schemaVersionOf } from './schema-version.js';
import type { SqlDriver, SqlQueryable } from './sql-driver.js';

/** Rows fetched per round trip: enough to keep round trips rare, small enough to stream. */
const FETCH_ROWS = 500;

/**
 * Writes the whole database as a dump (see dump-format.ts) through `write`, which receives whole
 * lines and may return a promise to apply back-pressure. Reads everything in one REPEATABLE READ
 * transaction, so the dump is one consistent snapshot even while servers write (PostgreSQL); the
 * embedded database is locked by the caller. Refuses a schema that is not this pai's latest: the
 * target of the import will be at the latest version, and rows of another schema would not fit.
 */
export async function exportDump(db: SqlDriver, write: (line: string) => void | Promise<void>): Promise<DumpSummary> {
  return db.transaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    // row_to_json writes timestamps in the session's time zone: make dumps independent of it.
    await tx.query(`SET LOCAL TimeZone = 'UTC'`);
    const schemaVersion = await schemaVersionOf(tx);
    if (schemaVersion !== latestSchemaVersion()) {
      throw new UserError(
        schemaVersion < latestSchemaVersion()
          ? `the database is at schema version ${schemaVersion}, older than this pai's (${latestSchemaVersion()})`
          : `the database is at schema version ${schemaVersion}, written by a newer pai (this one knows up to ${latestSchemaVersion()})`,
        schemaVersion < latestSchemaVersion()
          ? 'bring it up to date first with `pai server migrate` (same --data-dir or --database-url), then export again'
          : 'export it with the pai version that wrote it',
      );
    }
    const tables = await dumpTables(tx);
    const header: DumpHeader = {
      format: DUMP_FORMAT,
      formatVersion: DUMP_FORMAT_VERSION,
      schemaVersion,
      tables: tables.map((t) => t.name),
      createdAt: new Date().toISOString(),
    };
    await write(JSON.stringify(header) + '\n');
    const rows: Record<string, number> = {};
    for (const table of tables) rows[table.name] = await exportTable(tx, table, write);
    const trailer: DumpTrailer = { end: true, rows };
    await write(JSON.stringify(trailer) + '\n');
    return { schemaVersion, rows };
  });
}

/** Streams one table through a cursor, in a stable order (the line's text). Generated columns
 * stay out: the target computes them. */
async function exportTable(tx: SqlQueryable, table: DumpTable, write: (line: string) => void | Promise<void>): Promise<number> {
  const cursor = quoteIdent(`pai_dump_${table.name}`);
  const columns = table.columns.map((c) => `t.${quoteIdent(c)}`).join(', ');
  await tx.query(
    `DECLARE ${cursor} NO SCROLL CURSOR FOR
       SELECT json_build_object('table', ${quoteLiteral(table.name)}, 'row', (SELECT row_to_json(r) FROM (SELECT ${columns}) AS r))::text AS line
         FROM ${quoteIdent(table.name)} t ORDER BY 1`,
  );
  let count = 0;
  for (;;) {
    const { rows } = await tx.query<{ line: string }>(`FETCH ${FETCH_ROWS} FROM ${cursor}`);
    if (rows.length === 0) break;
    await write(rows.map((r) => r.line + '\n').join(''));
    count += rows.length;
  }
  await tx.query(`CLOSE ${cursor}`);
  return count;
}
