import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BudgetLedger, DEFAULT_LEDGER_OPTIONS, type Grant, type Refusal } from '../../../../src/server/gateway/budget/ledger.js';
import type { BudgetLine } from '../../../../src/server/gateway/budget/budget-line.js';
import { readRows } from '../../../../src/server/gateway/budget/budget-sql.js';
import { migrate } from '../../../../src/server/store/migrations.js';
import { openPgDriver } from '../../../../src/server/store/pg-driver.js';
import { openPgliteDriver } from '../../../../src/server/store/pglite-driver.js';
import { postgresForTests, type TestPostgres } from '../../../helpers/postgres.js';
import type { SqlDriver } from '../../../../src/server/store/sql-driver.js';

const DAY = '2030-01-02';
const T0 = Date.parse('2030-01-02T12:00:00Z');
const open: SqlDriver[] = [];
let shared: SqlDriver;
beforeAll(async () => {
  shared = await openPgliteDriver(undefined);
  await migrate(shared);
});
afterAll(async () => {
  for (const db of open.splice(0)) await db.close();
  await shared.close();
});

/** One in-memory PGlite for the file (its start-up is the slow part); tests use their own scopes. */
async function database(): Promise<SqlDriver> {
  await shared.query('DELETE FROM budget_leases');
  await shared.query('DELETE FROM budget_usage');
  return shared;
}

function tokens(scope: string, cap: number | undefined, amount: number, providerSpecific = false): BudgetLine {
  return { scope, period: DAY, cap, amount, kind: 'tokens', label: scope, providerSpecific };
}

const isGrant = (r: Grant | Refusal): r is Grant => 'settle' in r;

async function usage(db: SqlDriver, scope: string): Promise<{ used: number; reserved: number }> {
  const [row] = await readRows(db, [scope], DAY);
  return { used: row?.used ?? 0, reserved: row?.reserved ?? 0 };
}

describe.each([['leased' as const], ['exact' as const]])('BudgetLedger (%s mode)', (mode) => {
  const options = { ...DEFAULT_LEDGER_OPTIONS, mode, flushIntervalMs: 5, waitMs: 50, pollMs: 10 };

  it('grants exactly what fits when 500 requests race for a cap that fits 100; the rest is busy, not spent, while the room is held', async () => {
    const db = await database();
    const ledger = new BudgetLedger(db, () => T0, options);
    const lines = [tokens('mp:ns/p', 1000, 10), tokens('ak:ns/k', undefined, 10)];
    const results = await Promise.all(Array.from({ length: 500 }, () => ledger.reserve(lines)));
    const grants = results.filter(isGrant);
    expect(grants.length).toBe(100);
    for (const r of results.filter((r): r is Refusal => !isGrant(r))) expect(r).toMatchObject({ line: { scope: 'mp:ns/p' }, reason: 'busy', used: 0, reserved: 1000, need: 10 });
    for (const g of grants) g.settle(10);
    expect(await ledger.reserve(lines)).toMatchObject({ reason: 'spent', used: 1000, reserved: 0, remaining: 0 });
    await ledger.close();
    expect(await usage(db, 'mp:ns/p')).toEqual({ used: 1000, reserved: 0 });
    expect(await usage(db, 'ak:ns/k')).toEqual({ used: 1000, reserved: 0 });
  });

  it('a request that waits is served when a request in flight settles and leaves room', async () => {
    const db = await database();
    const ledger = new BudgetLedger(db, () => T0, { ...options, waitMs: 10_000 });
    const line = [tokens('mp:ns/p', 100, 60)];
    const first = (await ledger.reserve(line)) as Grant;
    const second = ledger.reserve(line);
    first.settle(30);
    expect(await second).toMatchObject({ amount: 60 });
    ((await second) as Grant).settle(60);
    await ledger.close();
    expect(await usage(db, 'mp:ns/p')).toEqual({ used: 90, reserved: 0 });
  });

  it('takes what the settled usage leaves, between the minimum and the amount; spent below the minimum', async () => {
    const db = await database();
    const ledger = new BudgetLedger(db, () => T0, options);
    const first = (await ledger.reserve([tokens('mp:ns/p', 1000, 4096)], 50)) as Grant;
    expect(first.amount).toBe(1000);
    first.settle(900);
    const second = (await ledger.reserve([tokens('mp:ns/p', 1000, 4096)], 50)) as Grant;
    expect(second.amount).toBe(100);
    second.settle(60);
    expect(await ledger.reserve([tokens('mp:ns/p', 1000, 4096)], 50)).toMatchObject({ reason: 'spent', used: 960, need: 50, remaining: 40 });
    await ledger.close();
  });

  it('gives back what a request did not use, so later requests fit', async () => {
    const db = await database();
    const ledger = new BudgetLedger(db, () => T0, options);
    const line = [tokens('mp:ns/p', 100, 60)];
    const first = await ledger.reserve(line);
    expect(isGrant(first)).toBe(true);
    expect(isGrant(await ledger.reserve(line))).toBe(false);
    (first as Grant).settle(10);
    const second = await ledger.reserve(line);
    expect(isGrant(second)).toBe(true);
    (second as Grant).settle(undefined); // unknown usage: the whole reservation counts
    await ledger.close();
    expect(await usage(db, 'mp:ns/p')).toEqual({ used: 70, reserved: 0 });
  });

  it('holds at most 1/32 of the cap beyond the requests in flight', async () => {
    const db = await database();
    const ledger = new BudgetLedger(db, () => T0, options);
    const line = [tokens('mp:ns/p', 1_000_000, 100)];
    const grants = (await Promise.all(Array.from({ length: 50 }, () => ledger.reserve(line)))) as Grant[];
    expect(grants.every(isGrant)).toBe(true);
    expect((await usage(db, 'mp:ns/p')).reserved).toBeLessThanOrEqual(50 * 100 + 1_000_000 / 32);
    for (const g of grants) g.settle(100);
    await ledger.flush();
    expect((await usage(db, 'mp:ns/p')).reserved).toBeLessThanOrEqual(1_000_000 / 32);
    await ledger.close();
  });

  it('an idle replica gives back what it holds', async () => {
    const db = await database();
    let now = T0;
    const ledger = new BudgetLedger(db, () => now, options);
    const grant = (await ledger.reserve([tokens('mp:ns/p', 100_000, 100)])) as Grant;
    grant.settle(50);
    await ledger.flush();
    expect((await usage(db, 'mp:ns/p')).used).toBe(50);
    now += options.idleReleaseMs;
    await ledger.flush();
    expect(await usage(db, 'mp:ns/p')).toEqual({ used: 50, reserved: 0 });
    await ledger.close();
  });

  it('keeps replicas on one database under the cap together', async () => {
    const db = await database();
    const replicas = [0, 1, 2].map(() => new BudgetLedger(db, () => T0, options));
    const line = [tokens('mp:ns/p', 1000, 7)];
    const results = await Promise.all(Array.from({ length: 600 }, (_, i) => replicas[i % 3]!.reserve(line)));
    const grants = results.filter(isGrant);
    expect(grants.length * 7).toBeLessThanOrEqual(1000);
    expect(grants.length).toBeGreaterThan(100); // near the cap leases shrink: little is stranded
    for (const r of [0, 1, 2]) expect(results.filter((g, i) => i % 3 === r && isGrant(g)).length).toBeGreaterThan(20); // no replica's lease takes it all
    for (const g of grants) g.settle(7);
    for (const r of replicas) await r.close();
    const { used, reserved } = await usage(db, 'mp:ns/p');
    expect(used).toBe(grants.length * 7);
    expect(reserved).toBe(0);
  });

  it("charges a dead replica's lease after its expiry, and never twice", async () => {
    const db = await database();
    let now = T0;
    const dead = new BudgetLedger(db, () => now, options);
    const granted = await dead.reserve([tokens('mp:ns/p', 1000, 100)]);
    expect(isGrant(granted)).toBe(true);
    // `dead` never settles or flushes: its process is gone.
    const alive = new BudgetLedger(db, () => now, options);
    await alive.start(false);
    const before = await usage(db, 'mp:ns/p');
    expect(before.reserved).toBeGreaterThanOrEqual(100);
    now += options.leaseTtlMs + 1;
    await alive.start(false);
    const after = await usage(db, 'mp:ns/p');
    expect(after).toEqual({ used: before.reserved, reserved: 0 });
    await alive.close();
  });
});

describe('BudgetLedger on PostgreSQL: three replicas, each with its own connection pool', () => {
  let postgres: TestPostgres | undefined;
  beforeAll(async () => {
    postgres = await postgresForTests();
  });
  afterAll(async () => {
    await postgres?.stop();
  });

  it.each([['leased' as const], ['exact' as const]])('600 requests spread over the replicas never exceed a cap that fits 100 (%s mode)', async (mode) => {
    if (!postgres) return;
    const url = await postgres.createDatabase();
    const drivers = await Promise.all([0, 1, 2].map(() => openPgDriver(url)));
    open.push(...drivers);
    await migrate(drivers[0]!);
    const replicas = drivers.map((db) => new BudgetLedger(db, () => T0, { ...DEFAULT_LEDGER_OPTIONS, mode, flushIntervalMs: 5, waitMs: 50 }));
    const line = [tokens('mp:ns/p', 1000, 10), tokens('ak:ns/k', 700, 10)];
    const results = await Promise.all(Array.from({ length: 600 }, (_, i) => replicas[i % 3]!.reserve(line)));
    const grants = results.filter(isGrant);
    expect(grants.length).toBeLessThanOrEqual(70);
    expect(grants.length).toBeGreaterThanOrEqual(60);
    for (const g of grants) g.settle(10);
    for (const r of replicas) await r.close();
    expect(await usage(drivers[0]!, 'ak:ns/k')).toEqual({ used: grants.length * 10, reserved: 0 });
    expect(await usage(drivers[0]!, 'mp:ns/p')).toEqual({ used: grants.length * 10, reserved: 0 });
  });
});
