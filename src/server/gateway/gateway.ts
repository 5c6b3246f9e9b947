import type { Logger } from '../http/logger.js';
import type { ResourceStore } from '../store/resource-store.js';
import type { SqlDriver } from '../store/sql-driver.js';
import { AccessKeyVerifier } from './access-keys/access-key-verifier.js';
import { BudgetLedger, DEFAULT_LEDGER_OPTIONS, type LedgerOptions } from './budget/ledger.js';
import { systemClock, type Clock } from './clock.js';
import { ConfigCache } from './config/config-cache.js';
import { GuardScanner } from './guards/guard-scan.js';
import { realRetryClock, type RetryClock } from '../../lib/retry.js';
import { UpstreamPools } from './upstream/upstream-pools.js';
import { UsageOverlay } from './usage-overlay.js';
import type { AuditRecord } from './audit.js';
import { GatewayMetrics } from './observability/metrics.js';
import { DEFAULT_RECORDER_OPTIONS, RequestRecorder, type RecorderOptions } from './observability/request-recorder.js';

/** How `pai server` runs its gateway. */
export interface GatewayOptions {
  db: SqlDriver;
  resources: ResourceStore;
  log: Logger;
  /** The clock budgets, rate limits and key expiry are measured with (tests move it). */
  now?: Clock;
  /** Take the client address from X-Forwarded-For (`pai server --trust-proxy`); else the socket's. */
  trustProxy?: boolean;
  /** No other server uses this database (PGlite): budget leases left by an earlier run are stale
   * at start-up and are settled at once instead of after their expiry. */
  exclusiveStore?: boolean;
  /** Budget leasing (see BudgetLedger); `PAI_BUDGET_MODE=exact` picks exact mode. */
  ledger?: Partial<LedgerOptions>;
  /** max_tokens injected when a client sends none (bounded by the per-request limits). */
  defaultMaxTokens?: number;
  /** Waits between upstream retries (tests make them instant). */
  retryClock?: RetryClock;
  /** How long a guard classifier may take before the gateway fails open. */
  guardTimeoutMs?: number;
  /** The request log and daily usage rows (`pai server --request-log-…`). */
  recorder?: Partial<RecorderOptions>;
  /** Prometheus metrics (`/metrics`); default on (`pai server --no-metrics` turns them off). */
  metrics?: boolean;
}

/** The default max_tokens: a long answer, without reserving a model's whole context per request. */
export const DEFAULT_MAX_TOKENS = 4096;


/**
 * The LLM gateway of `pai server`: everything `/ext/v1/…` needs, built once per server. Routes
 * are registered by `registerGateway` (src/server/gateway/routes.ts); `start()` begins the background
 * work (store polling, budget sweeps and flushes) and `close()` ends it after the
 * HTTP server has drained, giving this replica's budget leases back.
 */
export class Gateway {
  readonly accessKeys: AccessKeyVerifier;
  readonly config: ConfigCache;
  readonly ledger: BudgetLedger;
  readonly pools = new UpstreamPools();
  readonly guards: GuardScanner;
  readonly usage: UsageOverlay;
  readonly recorder: RequestRecorder;
  /** Undefined when metrics are off. */
  readonly metrics: GatewayMetrics | undefined;
  readonly now: Clock;
  readonly log: Logger;
  readonly resources: ResourceStore;
  readonly trustProxy: boolean;
  readonly retryClock: RetryClock;
  readonly defaultMaxTokens: number;

  constructor(readonly options: GatewayOptions) {
    this.now = options.now ?? systemClock;
    this.log = options.log;
    this.resources = options.resources;
    this.trustProxy = options.trustProxy === true;
    this.retryClock = options.retryClock ?? realRetryClock;
    this.defaultMaxTokens = options.defaultMaxTokens ?? DEFAULT_MAX_TOKENS;
    this.metrics = options.metrics === false ? undefined : new GatewayMetrics(options.db, this.now);
    // The gateway's own statements are timed (pai_store_query_seconds) when metrics are on.
    const db = this.metrics ? this.metrics.timed(options.db) : options.db;
    this.accessKeys = new AccessKeyVerifier(db, { refreshMs: 5_000, missReloadMs: 1_000, now: this.now });
    this.config = new ConfigCache(options.resources, db);
    const mode = process.env.PAI_BUDGET_MODE === 'exact' ? 'exact' : DEFAULT_LEDGER_OPTIONS.mode;
    this.ledger = new BudgetLedger(db, this.now, { ...DEFAULT_LEDGER_OPTIONS, mode, ...options.ledger }, (what, err) =>
      this.log.warn(`gateway budget ${what} failed; retrying`, { error: (err as Error)?.name ?? 'unknown', code: (err as { code?: string })?.code }),
    );
    this.guards = new GuardScanner(this.pools, this.config, this.log, options.guardTimeoutMs);
    this.usage = new UsageOverlay(options.db, this.ledger, this.now, this.log);
    this.recorder = new RequestRecorder(db, this.now, this.ledger.holder.slice(0, 8), { ...DEFAULT_RECORDER_OPTIONS, ...options.recorder }, (what, err) =>
      this.log.warn(`gateway request log ${what} failed`, { error: (err as Error)?.name ?? 'unknown', code: (err as { code?: string })?.code }),
    );
  }

  /** A request settled (its audit line was written): keep it for the request log, usage and metrics. */
  observe(record: AuditRecord): void {
    this.recorder.record(record);
    this.metrics?.observe(record);
  }

  /** Something was written through the control-plane API: resources or keys may have changed. */
  storeChanged(): void {
    this.config.invalidate();
    this.accessKeys.invalidate();
  }

  async start(): Promise<void> {
    await this.ledger.start(this.options.exclusiveStore === true);
    this.config.start();
    this.recorder.start();
  }

  async close(): Promise<void> {
    this.config.stop();
    await this.ledger.close();
    await this.recorder.close();
    await this.pools.close();
  }
}
