import { randomUUID } from 'node:crypto';
import type { SqlDriver } from '../../store/sql-driver.js';
import type { Clock } from '../clock.js';
import { utcMinute } from '../clock.js';
import type { BudgetLine } from './budget-line.js';
import { flushUsage, grantLeases, sweepExpiredLeases, type BudgetRow, type FlushLine, type GrantRequest } from './budget-sql.js';
import { BudgetCounter } from './budget-counter.js';

/** How the ledger leases budget from the database. */
export interface LedgerOptions {
  /** `leased` (default): a replica takes budget in chunks and serves requests from them in
   * memory; `exact`: every request takes exactly its reservation from the database, and gives
   * back the rest as soon as it is settled. Both never exceed a cap. */
  mode: 'leased' | 'exact';
  /** A lease not renewed for this long is charged and released by any replica. */
  leaseTtlMs: number;
  /** Settled usage reaches the database at most this late (leased mode). */
  flushIntervalMs: number;
  /** Free lease of a scope unused for this long is given back. */
  idleReleaseMs: number;
  /** How often expired leases (of dead replicas) are swept. */
  sweepIntervalMs: number;
}

export const DEFAULT_LEDGER_OPTIONS: LedgerOptions = { mode: 'leased', leaseTtlMs: 60_000, flushIntervalMs: 500, idleReleaseMs: 5_000, sweepIntervalMs: 15_000 };

/** A reservation the request holds until it is settled. */
export interface Grant {
  lines: readonly BudgetLine[];
  /** Records what the request used: `tokens` for token lines (undefined = unknown, so the whole
   * reservation is charged); request counters count the request unless `cancelled`. */
  settle(tokens: number | undefined, cancelled?: boolean): void;
}

/** Which line did not fit, and what is left of it. */
export interface Refusal {
  line: BudgetLine;
  remaining: number;
}

/**
 * The gateway's budgets, exact across concurrent requests and replicas. The database is the
 * authority: a replica reserves budget only through an atomic conditional update of the shared
 * row (`used + reserved + n <= cap`), as a lease with an expiry. Requests are then served from
 * the replica's leases in memory — synchronous, so exact within the process — and their real
 * usage flows back to the database within `flushIntervalMs`. A replica that dies stops renewing
 * its leases; after `leaseTtlMs` any replica's sweeper charges them as used (conservative: the
 * cap still holds) and releases them. Near a cap, leases shrink to exactly what a request needs.
 */
export class BudgetLedger {
  readonly holder = randomUUID();
  private readonly counters = new Map<string, BudgetCounter>();
  private flushTimer: NodeJS.Timeout | undefined;
  private sweepTimer: NodeJS.Timeout | undefined;
  private renewTimer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private flushAgain = false;
  private closed = false;

  constructor(
    private readonly db: SqlDriver,
    private readonly now: Clock,
    readonly options: LedgerOptions = DEFAULT_LEDGER_OPTIONS,
    private readonly onError: (what: string, err: unknown) => void = () => {},
  ) {}

  /** Starts the sweeper and lease renewal; `sweepAll` settles every lease at once (PGlite: any
   * lease in the store was left by an earlier run of this server). */
  async start(sweepAll: boolean): Promise<void> {
    await this.sweep(sweepAll);
    this.sweepTimer = setInterval(() => void this.sweep(false).catch((e) => this.onError('sweep', e)), this.options.sweepIntervalMs).unref();
    this.renewTimer = setInterval(() => this.scheduleFlush(true), Math.max(1_000, Math.floor(this.options.leaseTtlMs / 3))).unref();
  }

  /**
   * Reserves every line, or none: a Grant, or the Refusal of the first line that does not fit.
   * Lines without a cap are only counted.
   */
  async reserve(lines: readonly BudgetLine[]): Promise<Grant | Refusal> {
    for (let round = 0; round < 1_000; round++) {
      let lacking: Array<[BudgetCounter, BudgetLine]> | undefined;
      for (const line of lines) {
        const counter = this.counter(line);
        if (line.cap !== undefined && counter.free() < line.amount) (lacking ??= []).push([counter, line]);
      }
      if (!lacking) return this.allocate(lines);
      const busy = lacking.filter(([counter]) => counter.pendingTopUp);
      if (busy.length > 0) {
        // Another request is asking for these scopes: wait for it (its grant may cover us too;
        // our demand rides along on the next one), then look again.
        for (const [counter, line] of busy) counter.waitingDemand += line.amount;
        await Promise.all(busy.map(([counter]) => counter.pendingTopUp!.catch(() => {})));
        continue;
      }
      const refused = await this.topUp(lacking);
      if (refused) {
        this.scheduleFlush(this.options.mode === 'exact');
        return { line: refused[1], remaining: refused[0].remaining() };
      }
    }
    // Lost the race for fresh lease too often (other requests took it): refuse, conservatively.
    const line = lines.find((l) => l.cap !== undefined)!;
    return { line, remaining: this.counter(line).remaining() };
  }

  /** What is left under a line's cap as far as this replica knows (headers), or undefined (no cap). */
  remaining(line: BudgetLine): number | undefined {
    return line.cap === undefined ? undefined : this.counter(line).remaining();
  }

  /** Sends settled usage and returns unused lease now (before a read that must see it; close). */
  async flush(releaseAll = false): Promise<void> {
    while (this.flushing) await this.flushing;
    const run = this.flushOnce(releaseAll);
    this.flushing = run.then(
      () => {},
      () => {},
    );
    try {
      await run;
    } finally {
      this.flushing = undefined;
      if (this.flushAgain && !this.closed) {
        this.flushAgain = false;
        this.scheduleFlush(this.options.mode === 'exact');
      }
    }
  }

  /** Stops the timers and gives every lease back (after the HTTP server has drained). */
  async close(): Promise<void> {
    this.closed = true;
    for (const t of [this.flushTimer, this.sweepTimer, this.renewTimer]) if (t) clearInterval(t);
    await this.flush(true).catch((e) => this.onError('flush', e));
  }

  private allocate(lines: readonly BudgetLine[]): Grant {
    const counters = lines.map((line) => this.counter(line));
    for (const [i, counter] of counters.entries()) counter.inUse += lines[i]!.amount;
    let settled = false;
    return {
      lines,
      settle: (tokens, cancelled = false) => {
        if (settled) return;
        settled = true;
        const at = this.now();
        for (const [i, counter] of counters.entries()) {
          const line = lines[i]!;
          counter.inUse -= line.amount;
          counter.lastActive = at;
          if (cancelled) continue;
          counter.lastSettled = at;
          counter.unflushed += line.kind === 'tokens' ? Math.max(0, Math.round(tokens ?? line.amount)) : line.kind === 'requests' ? line.amount : 0;
        }
        this.scheduleFlush(this.options.mode === 'exact');
      },
    };
  }

  private counter(line: BudgetLine): BudgetCounter {
    const id = `${line.scope}\u0000${line.period}`;
    let counter = this.counters.get(id);
    if (!counter) {
      counter = new BudgetCounter(line.scope, line.period, line.kind);
      this.counters.set(id, counter);
    }
    counter.cap = line.cap;
    counter.typicalAmount = line.amount;
    counter.lastActive = this.now();
    return counter;
  }

  /**
   * Asks the database for more of several scopes in one statement (a request's scopes together);
   * returns the first scope that did not have what the request needs, if any.
   */
  private async topUp(items: Array<[BudgetCounter, BudgetLine]>): Promise<[BudgetCounter, BudgetLine] | undefined> {
    const requests: GrantRequest[] = items.map(([counter, line]) => {
      const need = Math.max(line.amount - Math.max(0, counter.free()), 1);
      const want = this.options.mode === 'exact' ? need + counter.waitingDemand : Math.max(need + counter.waitingDemand, this.leaseSize(counter, line));
      counter.waitingDemand = 0;
      return { scope: counter.scope, period: counter.period, need, want, cap: line.cap! };
    });
    const now = this.now();
    const pending = grantLeases(this.db, this.holder, requests, new Date(now), new Date(now + this.options.leaseTtlMs));
    for (const [counter] of items) counter.pendingTopUp = pending;
    try {
      const granted = new Map((await pending).map((g) => [`${g.row.scope}\u0000${g.row.period}`, g]));
      let refused: [BudgetCounter, BudgetLine] | undefined;
      for (const [counter, line] of items) {
        const g = granted.get(`${counter.scope}\u0000${counter.period}`);
        if (g) {
          counter.lease += g.granted;
          counter.observe(g.row);
        } else {
          counter.dbAvailable = undefined;
          refused ??= [counter, line];
        }
      }
      return refused;
    } finally {
      for (const [counter] of items) if (counter.pendingTopUp === pending) counter.pendingTopUp = undefined;
    }
  }

  /**
   * How much to lease (leased mode): 64 requests like this one, doubled each time the scope
   * needs more within a second (busy scopes ask the database rarely), never more than 1/32 of
   * the cap, so that replicas near a cap each hold only a little of it.
   */
  private leaseSize(counter: BudgetCounter, line: BudgetLine): number {
    const now = this.now();
    const base = line.amount * 64;
    const size = now - counter.lastTopUpAt < 1_000 ? Math.max(base, counter.lastChunk * 2) : base;
    counter.lastChunk = Math.max(line.amount, Math.min(size, Math.floor(line.cap! / 32)));
    counter.lastTopUpAt = now;
    return counter.lastChunk;
  }

  private scheduleFlush(immediate: boolean): void {
    if (this.closed) return;
    if (this.flushing) {
      this.flushAgain = true;
      return;
    }
    if (immediate) {
      if (this.flushTimer) clearTimeout(this.flushTimer);
      this.flushTimer = undefined;
      setImmediate(() => void this.flush().catch((e) => this.onError('flush', e)));
      return;
    }
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = undefined;
      void this.flush().catch((e) => this.onError('flush', e));
    }, this.options.flushIntervalMs);
    this.flushTimer.unref();
  }

  private async flushOnce(releaseAll: boolean): Promise<void> {
    const now = this.now();
    const today = new Date(now).toISOString().slice(0, 10);
    const minute = utcMinute(now);
    const batch: Array<{ counter: BudgetCounter; line: FlushLine }> = [];
    for (const [id, counter] of this.counters) {
      const current = counter.period === today || counter.period === minute || counter.period === '-';
      const idle = now - counter.lastActive >= this.options.idleReleaseMs;
      const retain = releaseAll || !current || idle || this.options.mode === 'exact' ? 0 : Math.max(counter.lastChunk, chunkFor(counter.cap ?? 0, counter.typicalAmount));
      const plan = counter.planFlush(retain);
      if (plan.used === 0 && plan.drop === 0) {
        if (counter.isEmpty() && (!current || idle)) this.counters.delete(id);
        continue;
      }
      counter.beginFlush(plan);
      batch.push({ counter, line: { scope: counter.scope, period: counter.period, used: plan.used, dropLease: plan.drop, lastUsed: counter.lastSettled } });
    }
    const expiresAt = new Date(now + this.options.leaseTtlMs);
    if (batch.length === 0 && ![...this.counters.values()].some((c) => c.lease > 0)) return;
    let rows: BudgetRow[];
    try {
      rows = await flushUsage(this.db, this.holder, batch.map((b) => b.line), new Date(now), expiresAt);
    } catch (err) {
      for (const b of batch) b.counter.failFlush();
      throw err;
    }
    const byId = new Map(rows.map((r) => [`${r.scope}\u0000${r.period}`, r]));
    for (const b of batch) b.counter.endFlush(byId.get(`${b.counter.scope}\u0000${b.counter.period}`));
  }

  private async sweep(all: boolean): Promise<void> {
    const now = this.now();
    await sweepExpiredLeases(this.db, new Date(now), { all, holderNot: this.holder, minuteCutoff: utcMinute(now - 3_600_000) });
  }
}

/**
 * How much a replica leases at once (leased mode): enough for many requests like this one, but
 * never more than 1/32 of the cap, so that several replicas near a cap each hold only a little.
 */
export function chunkFor(cap: number, amount: number): number {
  return Math.max(amount, Math.min(Math.floor(cap / 32), amount * 64));
}
