import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KINDS } from '../../../src/api/kinds.js';
import { exportDump } from '../../../src/server/store/dump-export.js';
import { importDump } from '../../../src/server/store/dump-import.js';
import { migrate } from '../../../src/server/store/migrations.js';
import { openDatabase, type OpenDatabase } from '../../../src/server/store/open-database.js';
import type { ResourceWrite } from '../../../src/server/store/resource-writer.js';
import { openStore, type Store } from '../../../src/server/store/store.js';
import { postgresForTests, type TestPostgres } from '../../helpers/postgres.js';
import { freshDataDir } from '../../helpers/data-dir.js';

// `pai server export | pai server import` at the store level, in every direction between the two
// backends: what comes out of the target is exactly what went into the source.
let postgres: Promise<TestPostgres | undefined> | undefined;
const dirs: string[] = [];
afterAll(async () => {
  await (await postgres?.catch(() => undefined))?.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

type Backend = 'PGlite' | 'PostgreSQL';
/** Where a store lives; `undefined` when PostgreSQL is missing on a developer machine. */
async function location(backend: Backend): Promise<{ dataDir: string; databaseUrl?: string } | undefined> {
  const dataDir = await freshDataDir();
  dirs.push(dataDir);
  if (backend === 'PGlite') return { dataDir };
  const cluster = await (postgres ??= postgresForTests());
  return cluster ? { dataDir, databaseUrl: await cluster.createDatabase() } : undefined;
}

async function dump(db: OpenDatabase): Promise<string[]> {
  const out: string[] = [];
  await exportDump(db.driver, (chunk) => void out.push(...chunk.split('\n').filter(Boolean)));
  return out;
}

function withExtraColumn(line: string): string {
  const parsed = JSON.parse(line) as { table: string; row: Record<string, unknown> };
  return JSON.stringify({ ...parsed, row: { ...parsed.row, extra: 1 } });
}

async function* linesOf(lines: string[]): AsyncGenerator<string> {
  yield* lines;
}

/** Everything the API can show of a store, plus what only the database holds (hashes, values). */
async function snapshot(store: Store): Promise<unknown> {
  const kinds: Record<string, unknown> = {};
  for (const kind of Object.keys(KINDS)) kinds[kind] = JSON.parse('[' + (await store.resources.list(kind)).itemsJson + ']');
  const hashes = (await store.tokens.hashes()).map((h) => `${h.name}:${h.hash.toString('hex')}`).sort();
  return {
    kinds,
    version: await store.resources.currentVersion(),
    tokens: await store.tokens.list(),
    hashes,
    secret: await store.resources.readSecretValue('team-a', 'creds', 'api-key'),
  };
}

async function populate(store: Store): Promise<string[]> {
  const mp = (ns: string, name: string): ResourceWrite => ({
    key: { kind: 'ModelProvider', namespace: ns, name },
    metadata: { labels: { team: ns } },
    spec: { provider: 'anthropic', apiKeySecretRef: { name: 'creds', key: 'api-key' }, maxTokensPerDay: 1000 },
  });
  await store.resources.write(async (w) => {
    for (let i = 0; i < 30; i++) await w.create(mp(i % 2 ? 'team-a' : 'team-b', `mp-${i}`));
  });
  await store.resources.write((w) =>
    w.put({ key: { kind: 'Secret', namespace: 'team-a', name: 'creds' }, metadata: {}, spec: {}, secretValues: new Map([['api-key', Buffer.from('CANARY-dump-value')]]) }),
  );
  await store.resources.write((w) => w.put({ ...mp('team-a', 'mp-1'), spec: { provider: 'anthropic', maxTokensPerDay: 5 } }));
  await store.resources.write((w) => w.patchStatus({ kind: 'ModelProvider', namespace: 'team-a', name: 'mp-3' }, { tokensUsedToday: 7 }));
  await store.resources.write((w) => w.remove({ kind: 'ModelProvider', namespace: 'team-b', name: 'mp-0' }));
  return [await store.tokens.create('admin'), await store.tokens.create('ci')];
}

const DIRECTIONS: Array<[Backend, Backend]> = [
  ['PGlite', 'PostgreSQL'],
  ['PostgreSQL', 'PGlite'],
];

describe.each(DIRECTIONS)('dump from %s into %s', (from, to) => {
  it('copies every resource, version, token and secret exactly; the copy exports the same dump', async (ctx) => {
    const [src, dst] = [await location(from), await location(to)];
    if (!src || !dst) return ctx.skip(); // no PostgreSQL on this machine
    const source = await openStore(src);
    await populate(source);
    const before = await snapshot(source);
    await source.close();
    const key = readFileSync(path.join(src.dataDir, 'secret.key'));

    const sourceDb = await openDatabase(src);
    const lines = await dump(sourceDb);
    await sourceDb.close();
    expect(lines.join('\n')).not.toContain('CANARY');

    const targetDb = await openDatabase(dst);
    await migrate(targetDb.driver);
    const summary = await importDump(targetDb.driver, linesOf(lines));
    expect(summary.rows).toMatchObject({ resources: 30, admin_tokens: 2, secret_values: 1, resource_version_counter: 1 });
    const again = await dump(targetDb);
    await targetDb.close();
    expect(again.slice(1)).toEqual(lines.slice(1)); // all but the header's createdAt
    expect({ ...JSON.parse(again[0]!), createdAt: 0 }).toEqual({ ...JSON.parse(lines[0]!), createdAt: 0 });

    // The target opens with the source's key (and only with it), and shows the same store.
    await expect(openStore({ ...dst, secretKey: Buffer.alloc(32, 1) })).rejects.toThrow(/not the key/);
    const target = await openStore({ ...dst, secretKey: key });
    try {
      expect(await snapshot(target)).toEqual(before);
      // Writes go on from the copied version, not from 1.
      const next = await target.resources.write((w) => w.create({ key: { kind: 'Agent', namespace: 'x', name: 'a' }, metadata: {}, spec: {} }));
      expect(Number(next.doc.metadata.resourceVersion)).toBe(Number((before as { version: string }).version) + 1);
    } finally {
      await target.close();
    }
  });
});

describe('import refuses what it cannot copy exactly, and changes nothing then', () => {
  let src: { dataDir: string; databaseUrl?: string } | undefined;
  let lines: string[];
  let target: OpenDatabase | undefined;
  beforeEach(async (ctx) => {
    src ??= await location('PostgreSQL');
    if (!src) return ctx.skip();
    if (!lines) {
      const store = await openStore(src);
      await populate(store);
      await store.close();
      const db = await openDatabase(src);
      lines = await dump(db);
      await db.close();
    }
    const dst = (await location('PostgreSQL'))!;
    target = await openDatabase(dst);
    await migrate(target.driver);
  });
  afterEach(async () => {
    await target?.close();
    target = undefined;
  });

  async function rowsOf(db: OpenDatabase): Promise<number> {
    const { rows } = await db.driver.query<{ n: string }>('SELECT count(*)::text AS n FROM resources');
    return Number(rows[0]!.n);
  }

  it.each([
    ['a dump cut short (no last line)', () => lines.slice(0, -1), /cut short/],
    ['a dump cut in the middle of a table', () => [...lines.slice(0, 5), lines.at(-1)!], /counts 30 rows of "resources", but it holds/],
    ['a line that is not JSON', () => [lines[0]!, '{"table":', ...lines.slice(1)], /line 2 is not JSON/],
    ['a row with a column the table lacks', () => [lines[0]!, withExtraColumn(lines[1]!), ...lines.slice(2)], /unknown "extra"/],
    ['a row of a table the header does not list', () => [lines[0]!, '{"table":"nope","row":{}}', ...lines.slice(1)], /"nope"/],
    ['another schema version', () => [lines[0]!.replace(/"schemaVersion":\d+/, '"schemaVersion":999'), ...lines.slice(1)], /schema version 999/],
    ['something that is not a dump', () => ['{"hello":"world"}'], /not the header/],
    ['an empty input', () => [], /empty/],
  ])('%s', async (_name, make, message) => {
    await expect(importDump(target!.driver, linesOf(make()))).rejects.toThrow(message);
    expect(await rowsOf(target!)).toBe(0);
  });

  it('a non-empty target without --force; with --force it replaces everything', async () => {
    await importDump(target!.driver, linesOf(lines));
    await target!.driver.query(`DELETE FROM resources WHERE name = 'mp-1'`);
    await expect(importDump(target!.driver, linesOf(lines))).rejects.toThrow(/not empty \(.*resources/);
    expect(await rowsOf(target!)).toBe(29);
    await importDump(target!.driver, linesOf(lines), { force: true });
    expect(await rowsOf(target!)).toBe(30);
  });

  it('a database that has a table the dump lacks (never dropped silently)', async () => {
    await target!.driver.query('CREATE TABLE stray (id int)');
    await expect(importDump(target!.driver, linesOf(lines))).rejects.toThrow(/"stray" only in the database/);
  });

  it('tables added later (foreign keys, sequences) are carried without being registered anywhere', async () => {
    const ddl = [
      'CREATE TABLE future_keys (id bigserial PRIMARY KEY, token_name text NOT NULL REFERENCES admin_tokens (name) ON DELETE CASCADE, made timestamptz NOT NULL, blob bytea)',
      'CREATE TABLE future_usage (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, key_id bigint NOT NULL REFERENCES future_keys (id), used bigint NOT NULL, doubled bigint GENERATED ALWAYS AS (used * 2) STORED)',
    ];
    const source = await openDatabase((await location('PostgreSQL'))!);
    for (const sql of ddl) await target!.driver.query(sql);
    try {
      await migrate(source.driver);
      for (const sql of ddl) await source.driver.query(sql);
      await source.driver.query(`INSERT INTO admin_tokens (name, hash, created_at) VALUES ('k', 'aa', now())`);
      await source.driver.query(`INSERT INTO future_keys (token_name, made, blob) VALUES ('k', '2026-01-02T03:04:05.123456Z', '\\x00ff'), ('k', now(), NULL)`);
      await source.driver.query(`INSERT INTO future_usage (key_id, used) VALUES (2, 9007199254740993)`);
      const copied = await dump(source);
      expect(JSON.parse(copied[0]!).tables.indexOf('future_usage')).toBeGreaterThan(JSON.parse(copied[0]!).tables.indexOf('future_keys'));
      await importDump(target!.driver, linesOf(copied));
      expect((await dump(target!)).slice(1)).toEqual(copied.slice(1));
      const { rows } = await target!.driver.query<{ used: string; doubled: string }>('SELECT used::text, doubled::text FROM future_usage');
      expect(rows).toEqual([{ used: '9007199254740993', doubled: '18014398509481986' }]);
      // The sequences moved past the copied ids.
      const next = await target!.driver.query<{ id: string }>(`INSERT INTO future_keys (token_name, made) VALUES ('k', now()) RETURNING id::text`);
      expect(next.rows[0]!.id).toBe('3');
    } finally {
      await source.close();
    }
  });
});
