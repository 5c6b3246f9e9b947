import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppendColumn, AppendValue } from '../../../src/server/store/append-rows.js';
import { openPgDriver } from '../../../src/server/store/pg-driver.js';
import { openPgliteDriver } from '../../../src/server/store/pglite-driver.js';
import type { SqlDriver } from '../../../src/server/store/sql-driver.js';
import { postgresForTests, type TestPostgres } from '../../helpers/postgres.js';

// appendRows writes what it is given, whatever the text holds, on both backends: PGlite encodes
// the rows in COPY's binary format, PostgreSQL sends them as arrays.
let postgres: Promise<TestPostgres | undefined> | undefined;
afterAll(async () => (await postgres?.catch(() => undefined))?.stop());

const BACKENDS: Array<[string, () => Promise<SqlDriver | undefined>]> = [
  ['PGlite', () => openPgliteDriver(undefined)],
  [
    'PostgreSQL',
    async () => {
      const cluster = await (postgres ??= postgresForTests());
      return cluster ? openPgDriver(await cluster.createDatabase()) : undefined;
    },
  ],
];

const COLUMNS: AppendColumn[] = [
  { name: 'at', type: 'timestamptz' },
  { name: 'note', type: 'text' },
  { name: 'n', type: 'integer' },
  { name: 'big', type: 'bigint' },
  { name: 'ms', type: 'real' },
  { name: 'ok', type: 'boolean' },
];

describe.each(BACKENDS)('appendRows on %s', (_backend, open) => {
  let db: SqlDriver | undefined;
  beforeEach(async (ctx) => {
    db ??= await open();
    if (!db) return ctx.skip(); // no PostgreSQL on this machine
    await db.query('DROP TABLE IF EXISTS appended');
    await db.query('CREATE TABLE appended (id bigserial PRIMARY KEY, at timestamptz, note text, n integer, big bigint, ms real, ok boolean)');
  });
  afterAll(async () => db?.close());

  it('stores every value as it was: text with tabs, newlines, backslashes or COPY markers, long text, negative numbers, nulls', async () => {
    const at = new Date('2026-12-07T08:09:10.123Z');
    const notes = ['plain', 'a\tb', 'line\nbreak\r\n', 'back\\slash', '\\N', '\\.', 'ünïcødé ✓', '', 'long '.repeat(5_000)];
    const rows: AppendValue[][] = notes.map((note, i) => [at, note, i - 3, 2 ** 40 - i * 2 ** 41, 0.25 - i, i % 2 === 0]);
    rows.push([null, null, null, null, null, null]);
    await db!.appendRows('appended', COLUMNS, rows);

    const { rows: back } = await db!.query<Record<string, unknown>>('SELECT at, note, n, big, ms, ok FROM appended ORDER BY id');
    expect(back.map((r) => r.note)).toEqual([...notes, null]);
    expect(back.map((r) => (r.at === null ? null : new Date(r.at as string).toISOString()))).toEqual([...notes.map(() => at.toISOString()), null]);
    expect(back.map((r) => (r.n === null ? null : Number(r.n)))).toEqual([...notes.map((_, i) => i - 3), null]);
    expect(back.map((r) => (r.big === null ? null : Number(r.big)))).toEqual([...notes.map((_, i) => 2 ** 40 - i * 2 ** 41), null]);
    expect(back.map((r) => r.ms)).toEqual([...notes.map((_, i) => 0.25 - i), null]);
    expect(back.map((r) => r.ok)).toEqual([...notes.map((_, i) => i % 2 === 0), null]);
  });

  it('appends nothing for no rows', async () => {
    await db!.appendRows('appended', COLUMNS, []);
    expect((await db!.query('SELECT count(*)::int AS n FROM appended')).rows[0]!.n).toBe(0);
  });
});
