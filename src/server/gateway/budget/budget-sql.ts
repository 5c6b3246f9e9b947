import type { SqlQueryable } from '../../store/sql-driver.js';

/** A budget row as the statements return it. */
export interface BudgetRow {
  scope: string;
  period: string;
  used: number;
  reserved: number;
  cap: number | null;
}

type RawRow = { scope: string; period: string; used: string | number; reserved: string | number; cap: string | number | null };
const row = (r: RawRow): BudgetRow => ({ scope: r.scope, period: r.period, used: Number(r.used), reserved: Number(r.reserved), cap: r.cap === null ? null : Number(r.cap) });

/** One scope a grant asks for: at least `need`, up to `want`, under `cap`. */
export interface GrantRequest {
  scope: string;
  period: string;
  need: number;
  want: number;
  cap: number;
}

/**
 * Grants capped scopes to `holder` as leases, all in one statement: for each scope, as much as
 * is free up to `want`, if at least `need` is free — `cap - used - reserved >= need`, checked by
 * the row's own atomic conditional update (INSERT … ON CONFLICT DO UPDATE … WHERE locks the row
 * and evaluates the condition on its latest version), so concurrent grants, in this process or
 * on other replicas, can never add up past the cap. Rows are locked in (scope, period) order,
 * then the lease rows (see the lock order below). Returns, for every scope that has a row, the
 * amount granted (0: `need` was not free) and the row: after the grant, or as the statement
 * found it — what refusals report.
 */
export async function grantLeases(
  db: SqlQueryable,
  holder: string,
  requests: readonly GrantRequest[],
  now: Date,
  expiresAt: Date,
): Promise<Array<{ granted: number; row: BudgetRow }>> {
  const { rows } = await db.query<RawRow & { last_grant: string | number }>(
    `WITH w AS (
       SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[], $5::bigint[]) AS w(scope, period, need, want, cap)
     ), g AS (
       INSERT INTO budget_usage AS b (scope, period, used, reserved, cap, last_grant, updated_at)
       SELECT scope, period, 0, LEAST(want, cap), cap, LEAST(want, cap), $6 FROM w WHERE need <= cap ORDER BY scope, period
       ON CONFLICT (scope, period) DO UPDATE
         SET last_grant = LEAST((SELECT want FROM w WHERE w.scope = b.scope AND w.period = b.period), EXCLUDED.cap - b.used - b.reserved),
             reserved = b.reserved + LEAST((SELECT want FROM w WHERE w.scope = b.scope AND w.period = b.period), EXCLUDED.cap - b.used - b.reserved),
             cap = EXCLUDED.cap, updated_at = EXCLUDED.updated_at
         WHERE EXCLUDED.cap - b.used - b.reserved >= (SELECT need FROM w WHERE w.scope = b.scope AND w.period = b.period)
       RETURNING b.scope, b.period, b.used, b.reserved, b.cap, b.last_grant
     ), l AS (
       INSERT INTO budget_leases (holder, scope, period, amount, expires_at)
       SELECT $7, scope, period, last_grant, $8 FROM g ORDER BY scope, period
       ON CONFLICT (holder, scope, period) DO UPDATE SET amount = budget_leases.amount + EXCLUDED.amount, expires_at = EXCLUDED.expires_at
     )
     SELECT scope, period, used, reserved, cap, last_grant FROM g
     UNION ALL
     SELECT b.scope, b.period, b.used, b.reserved, b.cap, 0 FROM budget_usage b JOIN w ON b.scope = w.scope AND b.period = w.period
      WHERE NOT EXISTS (SELECT 1 FROM g WHERE g.scope = b.scope AND g.period = b.period)`,
    [requests.map((r) => r.scope), requests.map((r) => r.period), requests.map((r) => r.need), requests.map((r) => Math.max(r.need, r.want)), requests.map((r) => r.cap), now, holder, expiresAt],
  );
  return rows.map((r) => ({ granted: Number(r.last_grant), row: row(r) }));
}

/** One line of a flush: usage to add, and how much of the holder's lease to give back. */
export interface FlushLine {
  scope: string;
  period: string;
  /** Added to `used`. */
  used: number;
  /** Taken off `reserved` and off the holder's lease (usage now counted, or unused lease returned). */
  dropLease: number;
  /** When the usage was settled (epoch ms), for `last_used`; 0 when there is none. */
  lastUsed: number;
}

// Lock order, in every statement that touches both tables: budget_usage rows first, sorted by
// (scope, period), then budget_leases rows. A grant locks one usage row and then its lease row;
// flushes and sweeps lock all their usage rows (`lk`, forced complete by the aggregate `n` that
// every later step joins) before any lease row. Replicas on PostgreSQL therefore never deadlock.

/**
 * Moves settled usage into `used` and returns unused lease, for many scopes in one statement;
 * renews the holder's other leases. A line that gives lease back applies only if the holder
 * still has that lease: if a sweeper already charged it (this replica looked dead), the usage
 * was counted then and is not counted twice. Returns the rows it changed.
 */
export async function flushUsage(db: SqlQueryable, holder: string, lines: readonly FlushLine[], now: Date, expiresAt: Date): Promise<BudgetRow[]> {
  const { rows } = await db.query<RawRow>(
    `WITH d AS (
       SELECT * FROM unnest($2::text[], $3::text[], $4::bigint[], $5::bigint[], $8::timestamptz[]) AS d(scope, period, used, drop_lease, last_used)
     ), lk AS (
       SELECT b.scope FROM budget_usage b JOIN d ON b.scope = d.scope AND b.period = d.period
        ORDER BY b.scope, b.period FOR UPDATE OF b
     ), n AS (
       SELECT count(*) AS locked FROM lk
     ), l AS (
       UPDATE budget_leases bl SET amount = bl.amount - d.drop_lease, expires_at = $7
       FROM d, n WHERE bl.holder = $1 AND bl.scope = d.scope AND bl.period = d.period AND d.drop_lease > 0 AND bl.amount >= d.drop_lease AND n.locked >= 0
       RETURNING bl.scope, bl.period
     ), renew AS (
       UPDATE budget_leases bl SET expires_at = $7 FROM n
       WHERE bl.holder = $1 AND bl.amount > 0 AND n.locked >= 0
         AND NOT EXISTS (SELECT 1 FROM d WHERE d.scope = bl.scope AND d.period = bl.period AND d.drop_lease > 0)
     ), leased AS (
       UPDATE budget_usage b SET used = b.used + d.used, reserved = b.reserved - d.drop_lease, updated_at = $6,
              last_used = CASE WHEN d.used > 0 THEN greatest(b.last_used, d.last_used) ELSE b.last_used END
       FROM d JOIN l ON l.scope = d.scope AND l.period = d.period
       WHERE b.scope = d.scope AND b.period = d.period
       RETURNING b.scope, b.period, b.used, b.reserved, b.cap
     ), counted AS (
       INSERT INTO budget_usage AS b (scope, period, used, reserved, cap, last_used, updated_at)
       SELECT d.scope, d.period, d.used, 0, NULL, d.last_used, $6 FROM d, n WHERE d.drop_lease = 0 AND d.used > 0 AND n.locked >= 0
       ORDER BY d.scope, d.period
       ON CONFLICT (scope, period) DO UPDATE SET used = b.used + EXCLUDED.used, last_used = greatest(b.last_used, EXCLUDED.last_used), updated_at = EXCLUDED.updated_at
       RETURNING b.scope, b.period, b.used, b.reserved, b.cap
     )
     SELECT * FROM leased UNION ALL SELECT * FROM counted`,
    [holder, lines.map((l) => l.scope), lines.map((l) => l.period), lines.map((l) => l.used), lines.map((l) => l.dropLease), now, expiresAt, lines.map((l) => new Date(l.lastUsed || now.getTime()))],
  );
  return rows.map(row);
}

/**
 * Settles leases nobody renewed (their replica died, or this PGlite server's previous run):
 * their amount is charged as used — the requests they covered may have reached the provider, so
 * counting it keeps the cap exact — except for concurrency slots, which are just released.
 * `holderNot` spares the caller's own leases. Also deletes per-minute rows older than `minuteCutoff`.
 */
export async function sweepExpiredLeases(db: SqlQueryable, now: Date, opts: { all?: boolean; holderNot?: string; minuteCutoff: string }): Promise<number> {
  const { rows } = await db.query<{ n: string | number }>(
    `WITH e AS (
       SELECT DISTINCT scope, period FROM budget_leases
        WHERE ($2::boolean OR expires_at < $1) AND ($3::text IS NULL OR holder <> $3)
     ), lk AS (
       SELECT b.scope FROM budget_usage b JOIN e ON b.scope = e.scope AND b.period = e.period
        ORDER BY b.scope, b.period FOR UPDATE OF b
     ), n AS (
       SELECT count(*) AS locked FROM lk
     ), x AS (
       DELETE FROM budget_leases bl USING n
        WHERE ($2::boolean OR bl.expires_at < $1) AND ($3::text IS NULL OR bl.holder <> $3) AND n.locked >= 0
       RETURNING bl.scope, bl.period, bl.amount
     ), s AS (
       SELECT scope, period, sum(amount) AS amount FROM x GROUP BY scope, period
     ), charged AS (
       UPDATE budget_usage b
          SET reserved = b.reserved - s.amount,
              used = CASE WHEN b.scope LIKE 'agconc:%' THEN b.used ELSE b.used + s.amount END,
              updated_at = $1
         FROM s WHERE b.scope = s.scope AND b.period = s.period
       RETURNING 1
     ), old AS (
       DELETE FROM budget_usage WHERE length(period) = 16 AND period < $4 AND reserved = 0
     )
     SELECT count(*) AS n FROM charged`,
    [now, opts.all === true, opts.holderNot ?? null, opts.minuteCutoff],
  );
  return Number(rows[0]?.n ?? 0);
}

/** Today's usage and the last use (any day) of some scopes: what ModelProvider and AccessKey
 * statuses show. */
export async function usageSummary(db: SqlQueryable, scopes: readonly string[], today: string): Promise<Map<string, { today: number; lastUsed: string | null }>> {
  const { rows } = await db.query<{ scope: string; today: string | number; last_used: Date | string | null }>(
    `SELECT scope, coalesce(sum(used) FILTER (WHERE period = $2), 0) AS today, max(last_used) AS last_used
       FROM budget_usage WHERE scope = ANY($1::text[]) GROUP BY scope`,
    [scopes, today],
  );
  return new Map(rows.map((r) => [r.scope, { today: Number(r.today), lastUsed: r.last_used === null ? null : new Date(r.last_used).toISOString() }]));
}

/** The rows of some scopes in one period (status, headers of refusals). */
export async function readRows(db: SqlQueryable, scopes: readonly string[], period: string): Promise<BudgetRow[]> {
  const { rows } = await db.query<RawRow>(`SELECT scope, period, used, reserved, cap FROM budget_usage WHERE scope = ANY($1::text[]) AND period = $2`, [scopes, period]);
  return rows.map(row);
}
