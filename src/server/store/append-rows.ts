/** A column that `SqlDriver.appendRows` fills: its name and its PostgreSQL type. */
export interface AppendColumn {
  name: string;
  type: 'text' | 'integer' | 'bigint' | 'real' | 'boolean' | 'timestamptz';
}

/** One value of an appended row (a Date for timestamptz). */
export type AppendValue = string | number | boolean | Date | null;

/** PostgreSQL's epoch (2000-01-01 UTC), which binary timestamps count microseconds from. */
const PG_EPOCH_MS = Date.UTC(2000, 0, 1);
/** The 11 bytes a binary COPY starts with. */
const SIGNATURE = [...'PGCOPY\n'].map((c) => c.charCodeAt(0)).concat([0xff, 0x0d, 0x0a, 0x00]);
const utf8 = new TextEncoder();

/**
 * The rows in COPY's binary format, for PGlite's `COPY … FROM '/dev/blob' (FORMAT binary)`:
 * PostgreSQL takes the values as they are stored instead of parsing text, and PGlite has no array
 * parameters to serialise — both would run on the server's own thread.
 */
export function copyBinary(columns: readonly AppendColumn[], rows: readonly (readonly AppendValue[])[]): Uint8Array {
  let bytes = new Uint8Array(1024 + rows.length * columns.length * 32);
  let view = new DataView(bytes.buffer);
  let at = 0;
  const room = (n: number) => {
    if (at + n <= bytes.length) return;
    const grown = new Uint8Array(Math.max(bytes.length * 2, at + n));
    grown.set(bytes.subarray(0, at));
    bytes = grown;
    view = new DataView(bytes.buffer);
  };
  bytes.set(SIGNATURE);
  at = SIGNATURE.length + 8; // flags and header extension length: 0
  for (const row of rows) {
    room(2);
    view.setInt16(at, columns.length);
    at += 2;
    for (let i = 0; i < columns.length; i++) {
      const value = row[i] ?? null;
      room(12);
      if (value === null) {
        view.setInt32(at, -1);
        at += 4;
        continue;
      }
      switch (columns[i]!.type) {
        case 'text': {
          const text = String(value);
          room(4 + text.length * 3);
          const { written } = utf8.encodeInto(text, bytes.subarray(at + 4));
          view.setInt32(at, written);
          at += 4 + written;
          break;
        }
        case 'integer':
          view.setInt32(at, 4);
          view.setInt32(at + 4, Number(value));
          at += 8;
          break;
        case 'real':
          view.setInt32(at, 4);
          view.setFloat32(at + 4, Number(value));
          at += 8;
          break;
        case 'boolean':
          view.setInt32(at, 1);
          bytes[at + 4] = value ? 1 : 0;
          at += 5;
          break;
        case 'bigint':
          view.setInt32(at, 8);
          view.setBigInt64(at + 4, BigInt(value as number));
          at += 12;
          break;
        case 'timestamptz':
          view.setInt32(at, 8);
          view.setBigInt64(at + 4, BigInt(((value as Date).getTime() - PG_EPOCH_MS) * 1000));
          at += 12;
          break;
      }
    }
  }
  room(2);
  view.setInt16(at, -1);
  return bytes.subarray(0, at + 2);
}

/** `COPY table (columns) FROM '/dev/blob' (FORMAT binary)`: PGlite reads the blob given with the statement. */
export function copyFromBlobSql(table: string, columns: readonly AppendColumn[]): string {
  return `COPY ${table} (${columns.map((c) => c.name).join(', ')}) FROM '/dev/blob' (FORMAT binary)`;
}

/** One INSERT of every row, a column per array parameter (for PostgreSQL over the network). */
export function unnestInsert(table: string, columns: readonly AppendColumn[], rows: readonly (readonly AppendValue[])[]): { sql: string; params: unknown[] } {
  const params = columns.map((_, i) => rows.map((row) => row[i]));
  const arrays = columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ');
  return { sql: `INSERT INTO ${table} (${columns.map((c) => c.name).join(', ')}) SELECT * FROM unnest(${arrays})`, params };
}
