import type { BudgetKind } from './budget-line.js';
import type { BudgetRow } from './budget-sql.js';

/** What one flush of a counter sends: usage to count, lease to give back. */
export interface FlushPlan {
  used: number;
  drop: number;
}

/**
 * This replica's share of one budget row (scope, period): the lease the database granted it,
 * how much of it requests in flight hold, usage settled but not yet sent, and what a flush in
 * flight is sending. Everything a request reserves comes out of `free()`, synchronously, so
 * requests in this process can never over-allocate the lease; the lease itself was granted by
 * the database's conditional update, so replicas together never over-allocate the cap.
 */
export class BudgetCounter {
  /** Lease the database records for this replica (capped scopes only). */
  lease = 0;
  /** Held by requests in flight. */
  inUse = 0;
  /** Settled usage not yet sent to the database. */
  unflushed = 0;
  pendingTopUp: Promise<unknown> | undefined;
  cap: number | undefined;
  /** The size of the last reservation (what leases are sized after). */
  typicalAmount = 1;
  /** The last lease asked for, and when: a scope that needs leases often gets bigger ones. */
  lastChunk = 0;
  lastTopUpAt = Number.NEGATIVE_INFINITY;
  lastActive = 0;
  /** When usage was last settled (epoch ms), sent with the next flush. */
  lastSettled = 0;
  /** `cap - used - reserved` in the database when this replica last touched the row. */
  dbAvailable: number | undefined;
  /** `used` in the database when this replica last touched the row. */
  dbUsed = 0;
  /** `reserved` (every replica's leases) in the database when this replica last touched the row. */
  dbReserved = 0;
  /** Moves whenever room may have come free here (a settle, a flush, a grant): waiters look again. */
  version = 0;
  /** When the database last refused a top-up, and `version` then: it is asked again only when
   * something changed here or a poll interval passed (other replicas may have given room back). */
  refusedAt = Number.NEGATIVE_INFINITY;
  refusedVersion = -1;
  private sending: FlushPlan = { used: 0, drop: 0 };
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly scope: string,
    readonly period: string,
    readonly kind: BudgetKind,
  ) {}

  /** Lease not held by anyone: what new requests may take without asking the database. */
  free(): number {
    return this.lease - this.inUse - this.unflushed - this.sending.drop;
  }

  /**
   * Usage settled today as far as this replica knows: the database's `used` plus what it settled
   * and has not sent. Never more than the truth (a flush in flight is left out: the row read
   * may or may not include it), so a refusal built on it ("the day is spent") is always true.
   */
  settled(): number {
    return this.dbUsed + this.unflushed;
  }

  /** Near the cap (less than 1/8 of it left unleased): leases shrink to single requests and
   * come back as soon as they are settled, so that replicas share what is left. */
  tight(): boolean {
    return this.cap !== undefined && this.dbAvailable !== undefined && this.dbAvailable < this.cap / 8;
  }

  /** Calls `listener` at the next change; returns the function that stops listening. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  changed(): void {
    this.version++;
    for (const listener of [...this.listeners]) listener();
  }

  /** What is left under the cap, as far as this replica knows: the database's spare plus its own free lease. */
  remaining(): number {
    if (this.cap === undefined) return Number.POSITIVE_INFINITY;
    const spare = this.dbAvailable ?? Math.max(0, this.cap - this.dbUsed - this.lease);
    return Math.max(0, spare + Math.max(0, this.free()));
  }

  /**
   * What to send now: all settled usage (the part the lease covered is taken off the lease) and
   * the free lease beyond `retain`.
   */
  planFlush(retain: number): FlushPlan {
    if (this.cap === undefined) return { used: this.unflushed, drop: 0 };
    const covered = Math.max(0, Math.min(this.unflushed, this.lease - this.inUse));
    const spare = this.lease - this.inUse - covered;
    const release = Math.max(0, spare - retain);
    return { used: this.unflushed, drop: covered + release };
  }

  beginFlush(plan: FlushPlan): void {
    this.sending = plan;
    this.unflushed -= plan.used;
  }

  /** The database applied the flush (`row`), or no longer had this replica's lease (undefined:
   * a sweeper charged it, usage included). */
  endFlush(row: BudgetRow | undefined): void {
    if (row || this.cap === undefined || this.sending.drop === 0) {
      this.lease -= this.sending.drop;
      if (row) this.observe(row);
    } else {
      // Usage of requests still in flight will be counted again when they settle: an over-count
      // in a rare case (this replica failed to renew for a whole lease TTL), never an under-count.
      this.lease = 0;
    }
    this.sending = { used: 0, drop: 0 };
    this.changed();
  }

  /** The flush failed: nothing changed in the database; the usage is sent next time. */
  failFlush(): void {
    this.unflushed += this.sending.used;
    this.sending = { used: 0, drop: 0 };
  }

  observe(row: BudgetRow): void {
    this.dbUsed = row.used;
    this.dbReserved = row.reserved;
    this.dbAvailable = row.cap === null ? undefined : row.cap - row.used - row.reserved;
  }

  isEmpty(): boolean {
    return this.lease === 0 && this.inUse === 0 && this.unflushed === 0 && this.sending.used === 0 && this.sending.drop === 0 && !this.pendingTopUp;
  }
}
