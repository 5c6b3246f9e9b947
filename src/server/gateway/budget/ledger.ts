import { randomUUID } from 'node:crypto';
import type { SqlDriver } from '../../store/sql-driver.js';
import { OneAtATime } from '../../../lib/one-at-a-time.js';
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
  /** How long a request waits for room that requests in flight hold (they settle, or other
   * replicas give their leases back) before it is answered "busy, retry". */
  waitMs: number;
  /** While waiting, how often the database is asked again (room other replicas gave back). */
  pollMs: number;
}

export const DEFAULT_LEDGER_OPTIONS: LedgerOptions = {
  mode: 'leased',
  leaseTtlMs: 60_000,
  flushIntervalMs: 500,
  idleReleaseMs: 5_000,
  sweepIntervalMs: 15_000,
  waitMs: 2_000,
  pollMs: 100,
};

/** The share of a cap a replica may hold beyond its requests in flight. */
export const LEASE_FRACTION = 32;

/** A reservation the request holds until it is settled. */
export interface Grant {
  lines: readonly BudgetLine[];
  /** The tokens reserved in every token line (between the minimum asked for and the lines' amount). */
  amount: number;
  /** Records what the request used: `tokens` for token lines (undefined = unknown, so the whole
   * reservation is charged); request counters count the request unless `cancelled`. */
  settle(tokens: number | undefined, cancelled?: boolean): void;
}

/**
 * Why a line did not fit, from the store's rows as this replica last read them (plus what it
 * settled and has not sent): `spent` — the usage settled today plus the request's minimum is
 * over the cap, true for the rest of the period; `busy` — the room is held by reservations in
 * flight (here or in other replicas' leases) and did not come free within `waitMs`. Request
 * and concurrency limits are always `busy`.
 */
export interface Refusal {
  line: BudgetLine;
  reason: 'spent' | 'busy';
  /** The least the request needed. */
  need: number;
  /** Settled today. */
  used: number;
  /** Held by reservations in flight and other replicas' leases. */
  reserved: number;
  /** `cap - used - reserved`, at least 0. */
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
  /** Flushes never overlap: a second one waits, then sends what came in meanwhile. */
  private readonly flushes = new OneAtATime();
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
   * Reserves every line, or none: a Grant, or the Refusal of a line that does not fit. Token
   * lines reserve the same amount, their `amount` when it fits, else as much as the day's settled
   * usage leaves but at least `minAmount` (a request without max_tokens takes what remains). The
   * day is refused as spent only when settled usage leaves less than `minAmount`; room held by
   * requests in flight is waited for, up to `waitMs`. Lines without a cap are only counted;
   * request and concurrency lines are refused at once.
   */
  async reserve(lines: readonly BudgetLine[], minAmount?: number): Promise<Grant | Refusal> {
    const wanted = lines.find((l) => l.kind === 'tokens')?.amount ?? 0;
    const min = Math.min(minAmount ?? wanted, wanted);
    const waitUntil = performance.now() + (wanted > 0 ? this.options.waitMs : 0);
    for (;;) {
      const counters = lines.map((line) => this.counter(line));
      let amount = wanted;
      for (const [i, line] of lines.entries()) {
        if (line.kind !== 'tokens' || line.cap === undefined) continue;
        amount = Math.min(amount, line.cap - counters[i]!.settled());
        if (amount < min) return this.refusal(line, counters[i]!, 'spent', min);
      }
      const lacking = [...lines.keys()].filter((i) => lines[i]!.cap !== undefined && counters[i]!.free() < amountOf(lines[i]!, amount));
      if (lacking.length === 0) return this.allocate(lines, counters, amount);
      // A top-up in flight for these scopes may cover this request too: wait for it, look again.
      const pending = lacking.filter((i) => counters[i]!.pendingTopUp);
      if (pending.length > 0) {
        await Promise.all(pending.map((i) => counters[i]!.pendingTopUp!.catch(() => {})));
        continue;
      }
      const now = performance.now();
      const ask = lacking.filter((i) => lines[i]!.kind !== 'tokens' || counters[i]!.refusedVersion !== counters[i]!.version || now - counters[i]!.refusedAt >= this.options.pollMs);
      if (ask.length > 0) {
        const refused = await this.topUp(
          ask.map((i) => [counters[i]!, lines[i]!]),
          amount,
        );
        if (refused && refused[1].kind !== 'tokens') return this.refusal(refused[1], refused[0], 'busy', refused[1].amount);
        continue; // granted, or refused: the row just read may show the day spent
      }
      const i = lacking[0]!;
      if (now >= waitUntil) return this.refusal(lines[i]!, counters[i]!, 'busy', min);
      await waitForChange(lacking.map((j) => counters[j]!), Math.min(this.options.pollMs, waitUntil - now));
    }
  }

  private refusal(line: BudgetLine, counter: BudgetCounter, reason: Refusal['reason'], need: number): Refusal {
    this.scheduleFlush(this.options.mode === 'exact');
    const used = counter.settled();
    const reserved = Math.max(0, counter.dbReserved - counter.lease) + counter.inUse;
    return { line, reason, need, used, reserved, remaining: Math.max(0, (line.cap ?? 0) - used - reserved) };
  }

  /** What is left under a line's cap as far as this replica knows (headers), or undefined (no cap). */
  remaining(line: BudgetLine): number | undefined {
    return line.cap === undefined ? undefined : this.counter(line).remaining();
  }

  /** Sends settled usage and returns unused lease now (before a read that must see it; close). */
  async flush(releaseAll = false): Promise<void> {
    try {
      await this.flushes.run(() => this.flushOnce(releaseAll));
    } finally {
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

  private allocate(lines: readonly BudgetLine[], counters: BudgetCounter[], amount: number): Grant {
    for (const [i, counter] of counters.entries()) counter.inUse += amountOf(lines[i]!, amount);
    let settled = false;
    return {
      lines,
      amount,
      settle: (tokens, cancelled = false) => {
        if (settled) return;
        settled = true;
        const at = this.now();
        for (const [i, counter] of counters.entries()) {
          const line = lines[i]!;
          const held = amountOf(line, amount);
          counter.inUse -= held;
          counter.lastActive = at;
          if (!cancelled) {
            counter.lastSettled = at;
            counter.unflushed += line.kind === 'tokens' ? Math.max(0, Math.round(tokens ?? held)) : line.kind === 'requests' ? held : 0;
          }
          counter.changed();
        }
        this.scheduleFlush(this.options.mode === 'exact' || counters.some((c) => c.tight()));
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
   * Asks the database for more of several scopes in one statement (a request's scopes together):
   * what the request lacks, plus (leased mode, away from the cap) a lease for the requests that
   * follow. Returns the first scope that did not have what the request needs, if any.
   */
  private async topUp(items: Array<[BudgetCounter, BudgetLine]>, amount: number): Promise<[BudgetCounter, BudgetLine] | undefined> {
    const requests: GrantRequest[] = items.map(([counter, line]) => {
      const need = Math.max(amountOf(line, amount) - Math.max(0, counter.free()), 1);
      const want = this.options.mode === 'exact' || counter.tight() ? need : Math.max(need, this.leaseSize(counter, amountOf(line, amount)));
      return { scope: counter.scope, period: counter.period, need, want, cap: line.cap! };
    });
    const now = this.now();
    const pending = grantLeases(this.db, this.holder, requests, new Date(now), new Date(now + this.options.leaseTtlMs));
    for (const [counter] of items) counter.pendingTopUp = pending;
    try {
      const answers = new Map((await pending).map((g) => [`${g.row.scope}\u0000${g.row.period}`, g]));
      let refused: [BudgetCounter, BudgetLine] | undefined;
      for (const [counter, line] of items) {
        const answer = answers.get(`${counter.scope}\u0000${counter.period}`);
        if (answer) counter.observe(answer.row);
        if (answer && answer.granted > 0) {
          counter.lease += answer.granted;
          counter.changed();
        } else {
          if (!answer) counter.observe({ scope: counter.scope, period: counter.period, used: 0, reserved: 0, cap: line.cap! });
          counter.refusedAt = performance.now();
          counter.refusedVersion = counter.version;
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
   * needs more within a second (busy scopes ask the database rarely), never more than this
   * request plus 1/LEASE_FRACTION of the cap, so that replicas each hold only a little of it.
   */
  private leaseSize(counter: BudgetCounter, amount: number): number {
    const now = this.now();
    const base = amount * 64;
    const size = now - counter.lastTopUpAt < 1_000 ? Math.max(base, counter.lastChunk * 2) : base;
    counter.lastChunk = Math.max(amount, Math.min(size, amount + Math.floor(counter.cap! / LEASE_FRACTION)));
    counter.lastTopUpAt = now;
    return counter.lastChunk;
  }

  private scheduleFlush(immediate: boolean): void {
    if (this.closed) return;
    if (this.flushes.busy) {
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
      const retain = releaseAll || !current || idle || this.options.mode === 'exact' || counter.tight() ? 0 : Math.min(Math.floor((counter.cap ?? 0) / LEASE_FRACTION), Math.max(counter.lastChunk, chunkFor(counter.cap ?? 0, counter.typicalAmount)));
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
 * How much free lease a replica keeps between flushes (leased mode): enough for many requests
 * like the last one, but never more than 1/LEASE_FRACTION of the cap, so that several replicas
 * each hold only a little of it (and one that dies takes little with it).
 */
export function chunkFor(cap: number, amount: number): number {
  return Math.min(Math.floor(cap / LEASE_FRACTION), amount * 64);
}

/** What a request holds of a line: the token amount granted, or the line's own (1 request). */
function amountOf(line: BudgetLine, tokens: number): number {
  return line.kind === 'tokens' ? tokens : line.amount;
}

/** Resolves at the next change of any of the counters, or after `ms`. */
function waitForChange(counters: readonly BudgetCounter[], ms: number): Promise<void> {
  return new Promise((resolve) => {
    const stops: Array<() => void> = [];
    const done = () => {
      clearTimeout(timer);
      for (const stop of stops) stop();
      resolve();
    };
    const timer = setTimeout(done, Math.max(1, ms));
    for (const counter of counters) stops.push(counter.onChange(done));
  });
}
