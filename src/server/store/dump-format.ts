/**
 * The dump format of `pai server export` / `pai server import`: JSON lines.
 *
 *     {"format":"pai-server-dump","formatVersion":1,"schemaVersion":2,"tables":["resources",…],"createdAt":"…"}
 *     {"table":"resources","row":{"kind":"Secret",…}}
 *     …
 *     {"end":true,"rows":{"resources":12,…}}
 *
 * Rows are PostgreSQL's own `row_to_json` of each row (bytea as "\\x…" hex, timestamps in UTC,
 * 64-bit integers as written) and are read back with `json_populate_record`, so no value passes
 * through a JavaScript number or Date: a round trip is exact. The last line counts the rows of
 * each table, so a dump cut short (a broken pipe, a full disk) is refused instead of half
 * imported. A dump holds no plaintext secret — Secret values stay encrypted with the source's
 * secret.key, admin tokens are SHA-256 hashes — but it is still the whole control plane: keep it
 * private.
 */
export const DUMP_FORMAT = 'pai-server-dump';
export const DUMP_FORMAT_VERSION = 1;

/** The first line. `tables` is in insertion order (tables referenced by foreign keys first). */
export interface DumpHeader {
  format: typeof DUMP_FORMAT;
  formatVersion: number;
  schemaVersion: number;
  tables: string[];
  createdAt: string;
}

/** The last line: rows per table. */
export interface DumpTrailer {
  end: true;
  rows: Record<string, number>;
}

/** What an export or an import did, for the command's summary. */
export interface DumpSummary {
  schemaVersion: number;
  rows: Record<string, number>;
}

/** "12 resources, 3 admin_tokens, …" (tables with no rows included: they were checked too). */
export function describeRows(rows: Record<string, number>): string {
  return Object.entries(rows)
    .map(([table, n]) => `${n} ${table}`)
    .join(', ');
}
