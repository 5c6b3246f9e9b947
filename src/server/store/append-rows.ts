/** A column that `SqlDriver.appendRows` fills: its name and its PostgreSQL type. */
export interface AppendColumn {
  name: string;
  type: 'text' | 'integer' | 'bigint' | 'real' | 'boolean' | 'timestamptz';
}

/** One value of an appended row (a Date for timestamptz). */
export type AppendValue = string | number | boolean | Date | null;

/**
 * The rows as COPY's text format (one line per row, tab-separated, `\N` for null), for PGlite's
 * `COPY … FROM '/dev/blob'`: PostgreSQL parses it far more cheaply than array parameters, which
 * PGlite would also have to serialise first — both on the server's own thread.
 */
export function copyText(rows: readonly (readonly AppendValue[])[]): string {
  let text = '';
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) {
      if (i > 0) text += '\t';
      text += copyField(row[i]!);
    }
    text += '\n';
  }
  return text;
}

const SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function copyField(value: AppendValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'string') return SPECIAL.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!) : value;
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/** `COPY table (columns) FROM '/dev/blob'`: PGlite reads the blob given with the statement. */
export function copyFromBlobSql(table: string, columns: readonly AppendColumn[]): string {
  return `COPY ${table} (${columns.map((c) => c.name).join(', ')}) FROM '/dev/blob'`;
}

/** One INSERT of every row, a column per array parameter (for PostgreSQL over the network). */
export function unnestInsert(table: string, columns: readonly AppendColumn[], rows: readonly (readonly AppendValue[])[]): { sql: string; params: unknown[] } {
  const params = columns.map((_, i) => rows.map((row) => row[i]));
  const arrays = columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ');
  return { sql: `INSERT INTO ${table} (${columns.map((c) => c.name).join(', ')}) SELECT * FROM unnest(${arrays})`, params };
}
