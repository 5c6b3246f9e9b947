import { UserError } from '../../lib/user-error.js';
import { DUMP_FORMAT, DUMP_FORMAT_VERSION, type DumpHeader, type DumpSummary, type DumpTrailer } from './dump-format.js';
import { schemaVersionOf } from './schema-version.js';
import { dumpTables, quoteIdent, quoteLiteral, type DumpTable } from './dump-tables.js';
import type { SqlDriver, SqlQueryable } from './sql-driver.js';

/** Rows per INSERT: one statement carries a JSON array of this many dump lines. */
const INSERT_ROWS = 500;

/**
 * Rows that migrations themselves insert, so a database only migrated still counts as empty:
 * for each such table, the condition that makes a row count as data. Every other table is empty
 * only when it has no row at all.
 */
const SEEDED_ROWS: Record<string, string> = { resource_version_counter: 'value <> 0' };

/** How to import. */
export interface ImportOptions {
  /** Replace whatever the target holds; without it a non-empty target is refused. */
  force?: boolean;
}

/**
 * Loads a dump (see dump-format.ts) into a database already migrated to the dump's schema
 * version, in one transaction: every table of the target is locked (servers running against it
 * wait), emptied, and filled with the dump's rows; a dump that is malformed, cut short, or does not
 * match the target's tables rolls everything back. Sequences are moved past the copied rows.
 */
export async function importDump(db: SqlDriver, lines: AsyncIterable<string>, opts: ImportOptions = {}): Promise<DumpSummary> {
  return db.transaction(async (tx) => {
    const reader = numbered(lines);
    const first = await reader.next();
    const header = parseHeader(first.done ? undefined : first.value.text);
    const schemaVersion = await schemaVersionOf(tx);
    if (header.schemaVersion !== schemaVersion) {
      throw new UserError(
        `the dump is of schema version ${header.schemaVersion}, the target database is at version ${schemaVersion}`,
        header.schemaVersion < schemaVersion
          ? 'run `pai server migrate` on the source with this pai, then export it again'
          : 'import it with the pai version that exported it (or a newer one)',
      );
    }
    const tables = matchTables(header, await dumpTables(tx));
    await tx.query(`LOCK TABLE ${tables.map((t) => quoteIdent(t.name)).join(', ')} IN ACCESS EXCLUSIVE MODE`);
    if (!opts.force) await refuseNonEmpty(tx, tables);
    for (const table of [...tables].reverse()) await tx.query(`DELETE FROM ${quoteIdent(table.name)}`);

    const byName = new Map(tables.map((t) => [t.name, t]));
    const rows: Record<string, number> = Object.fromEntries(tables.map((t) => [t.name, 0]));
    let batch: { table: DumpTable; lines: string[] } | undefined;
    const flush = async (): Promise<void> => {
      if (batch) await insertRows(tx, batch.table, batch.lines);
      batch = undefined;
    };
    let trailer: DumpTrailer | undefined;
    for await (const { text, number } of reader) {
      if (text.trim() === '') continue;
      if (trailer) throw badDump(`line ${number} follows the dump's last line`);
      const record = parseLine(text, number);
      if ('end' in record) {
        trailer = record;
        continue;
      }
      const table = byName.get(record.table);
      if (!table) throw badDump(`line ${number} holds a row of "${record.table}", a table the dump's first line does not list`);
      checkColumns(table, record.row, number);
      if (batch && (batch.table !== table || batch.lines.length >= INSERT_ROWS)) await flush();
      batch ??= { table, lines: [] };
      batch.lines.push(text);
      rows[table.name]! += 1;
    }
    await flush();
    if (!trailer) throw badDump('the dump ends before its last line: it was cut short (a broken pipe or a full disk?)');
    for (const t of tables) {
      if ((trailer.rows[t.name] ?? 0) !== rows[t.name]) {
        throw badDump(`the dump's last line counts ${trailer.rows[t.name] ?? 0} rows of "${t.name}", but it holds ${rows[t.name]}`);
      }
    }
    for (const table of tables) await advanceSequences(tx, table);
    return { schemaVersion, rows };
  });
}

function parseHeader(text: string | undefined): DumpHeader {
  let header: Partial<DumpHeader> | undefined;
  try {
    header = text === undefined ? undefined : (JSON.parse(text) as Partial<DumpHeader>);
  } catch {
    /* reported below */
  }
  if (!header || header.format !== DUMP_FORMAT || !Array.isArray(header.tables) || typeof header.schemaVersion !== 'number') {
    throw badDump(text === undefined ? 'the input is empty' : 'the first line is not the header of a `pai server export` dump');
  }
  if (header.formatVersion !== DUMP_FORMAT_VERSION) {
    throw new UserError(`the dump is in format version ${header.formatVersion}; this pai reads version ${DUMP_FORMAT_VERSION}`, 'import it with the pai version that exported it');
  }
  return header as DumpHeader;
}

/** The dump and the target must have exactly the same tables: nothing is dropped, nothing guessed. */
function matchTables(header: DumpHeader, target: DumpTable[]): DumpTable[] {
  const names = new Set(target.map((t) => t.name));
  const onlyInDump = header.tables.filter((t) => !names.has(t));
  const onlyInTarget = target.filter((t) => !header.tables.includes(t.name)).map((t) => t.name);
  if (onlyInDump.length > 0 || onlyInTarget.length > 0) {
    throw new UserError(
      `the dump and the target database do not have the same tables (${[
        ...onlyInDump.map((t) => `"${t}" only in the dump`),
        ...onlyInTarget.map((t) => `"${t}" only in the database`),
      ].join(', ')})`,
      'export and import with the same pai version, into a database that holds only pai\'s schema',
    );
  }
  return target;
}

async function refuseNonEmpty(tx: SqlQueryable, tables: DumpTable[]): Promise<void> {
  const holding: string[] = [];
  for (const t of tables) {
    const where = SEEDED_ROWS[t.name] ? ` WHERE ${SEEDED_ROWS[t.name]}` : '';
    const { rows } = await tx.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${quoteIdent(t.name)}${where}) AS any`);
    if (rows[0]?.any) holding.push(t.name);
  }
  if (holding.length > 0) {
    throw new UserError(
      `the target database is not empty (${holding.join(', ')} hold data)`,
      'import into a new database (did a pai server start on it already?), or add --force to replace everything it holds',
    );
  }
}

type DumpLine = { table: string; row: Record<string, unknown> } | DumpTrailer;

function parseLine(text: string, number: number): DumpLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badDump(`line ${number} is not JSON`);
  }
  const v = value as Partial<{ table: unknown; row: unknown; end: unknown; rows: unknown }>;
  if (v && v.end === true && v.rows && typeof v.rows === 'object') return v as DumpTrailer;
  if (v && typeof v.table === 'string' && v.row && typeof v.row === 'object' && !Array.isArray(v.row)) return v as DumpLine;
  throw badDump(`line ${number} is neither a row ({"table", "row"}) nor the last line ({"end", "rows"})`);
}

/** A row must carry exactly the table's columns: an unknown one would be dropped silently. */
function checkColumns(table: DumpTable, row: Record<string, unknown>, number: number): void {
  const keys = Object.keys(row);
  const unknown = keys.filter((k) => !table.columns.includes(k));
  const missing = table.columns.filter((c) => !(c in row));
  if (unknown.length > 0 || missing.length > 0) {
    throw badDump(
      `line ${number}: the row of "${table.name}" does not have the table's columns (${[
        ...unknown.map((c) => `unknown "${c}"`),
        ...missing.map((c) => `missing "${c}"`),
      ].join(', ')})`,
    );
  }
}

/** PostgreSQL parses each value back with the column's own input function: exact for every type. */
async function insertRows(tx: SqlQueryable, table: DumpTable, lines: string[]): Promise<void> {
  const columns = table.columns.map(quoteIdent);
  await tx.query(
    `INSERT INTO ${quoteIdent(table.name)} (${columns.join(', ')}) OVERRIDING SYSTEM VALUE
     SELECT ${columns.map((c) => `r.${c}`).join(', ')}
       FROM json_array_elements($1::json) AS l(line), json_populate_record(NULL::${quoteIdent(table.name)}, l.line -> 'row') AS r`,
    ['[' + lines.join(',') + ']'],
  );
}

async function advanceSequences(tx: SqlQueryable, table: DumpTable): Promise<void> {
  for (const column of table.sequenced) {
    const col = quoteIdent(column);
    await tx.query(
      `SELECT setval(pg_get_serial_sequence(${quoteLiteral(quoteIdent(table.name))}, ${quoteLiteral(column)}),
                     coalesce((SELECT max(${col}) FROM ${quoteIdent(table.name)}), 1),
                     (SELECT max(${col}) FROM ${quoteIdent(table.name)}) IS NOT NULL)`,
    );
  }
}

/**
 * The lines of a byte stream (stdin), read with the stream's own back-pressure: a dump larger than
 * memory is never buffered whole while the database is slower than the disk.
 */
export async function* readLines(input: AsyncIterable<Buffer | string>): AsyncGenerator<string, void, undefined> {
  let rest = '';
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for await (const chunk of input) {
    rest += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    const lines = rest.split('\n');
    rest = lines.pop()!;
    for (const line of lines) yield line.endsWith('\r') ? line.slice(0, -1) : line;
  }
  rest += decoder.decode();
  if (rest !== '') yield rest;
}

/** Lines with their 1-based numbers, for messages. */
async function* numbered(lines: AsyncIterable<string>): AsyncGenerator<{ text: string; number: number }, void, undefined> {
  let number = 0;
  for await (const text of lines) yield { text, number: ++number };
}

function badDump(message: string): UserError {
  return new UserError(`not a valid dump: ${message}`, 'import the unchanged output of `pai server export`; nothing was imported');
}
