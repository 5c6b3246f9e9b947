import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { SqlDriver, SqlQueryable } from '../../store/sql-driver.js';
import type { AuditRecord } from '../audit.js';
import { SCOPES } from '../budget/budget-line.js';
import { utcDay, type Clock } from '../clock.js';

/** Upstream latency and time to first token, in seconds: from fast local models to slow long answers. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];
/** Store statements, in seconds. */
const STORE_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5];

/** The budget lines reported as remaining tokens, by scope prefix. */
const BUDGET_LINES: Record<string, string> = {
  [SCOPES.provider]: 'provider',
  [SCOPES.providerExternal]: 'provider_external',
  [SCOPES.accessKey]: 'access_key',
  [SCOPES.agent]: 'agent',
};

/**
 * The gateway's Prometheus metrics (`GET /metrics`). Labels are bounded by configuration: names
 * of ModelProviders, models (`provider/model-id` of the model that served — never the text a
 * client sent), AccessKeys and Agents as `namespace/name`, HTTP statuses and the gateway's error
 * codes; never a key or a token. Each settled request is observed once (`observe`, from the audit
 * record): histograms at once, request, token and fallback counts gathered per series and handed
 * to the counters at scrape time; budget gauges are read from the store at scrape time.
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter;
  private readonly tokens: Counter;
  private readonly fallbacks: Counter;
  private readonly guards: Counter;
  private readonly upstream: Histogram;
  private readonly ttft: Histogram;
  private readonly store: Histogram;
  /** Requests by everything the counters are labelled with, in one map: a request costs one
   * lookup here instead of prom-client's label checks and hashing for each of four counters. */
  private readonly series = new Map<string, Series>();

  constructor(db: SqlQueryable, now: Clock) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'pai_' });
    this.requests = new Counter({
      name: 'pai_gateway_requests_total',
      help: 'Gateway requests by route, ModelProvider, model that served, HTTP status and gateway error code ("" = none).',
      labelNames: ['route', 'provider', 'model', 'status', 'code'],
      registers,
    });
    this.tokens = new Counter({
      name: 'pai_gateway_tokens_total',
      help: 'Tokens the upstream reported, by direction (in = prompt, out = completion), ModelProvider, model, AccessKey and Agent.',
      labelNames: ['direction', 'provider', 'model', 'access_key', 'agent'],
      registers,
    });
    this.fallbacks = new Counter({
      name: 'pai_gateway_fallbacks_total',
      help: 'Requests served (or failed) after a fallback: by the ModelProvider and model that served ("" = none did).',
      labelNames: ['provider', 'model'],
      registers,
    });
    this.guards = new Counter({
      name: 'pai_gateway_guard_outcomes_total',
      help: 'Guard scans by GuardBinding, what was scanned (prompt or response) and verdict.',
      labelNames: ['binding', 'target', 'verdict'],
      registers,
    });
    // The upstream's latencies, observed for the ModelProvider and model that served.
    const latency = (name: string, help: string) => new Histogram({ name, help, labelNames: ['provider', 'model'], buckets: LATENCY_BUCKETS, registers });
    this.upstream = latency('pai_gateway_upstream_latency_seconds', 'From sending the serving call upstream to its response headers (retries included).');
    this.ttft = latency('pai_gateway_time_to_first_token_seconds', 'Streams: from sending the serving call upstream to its first chunk.');
    this.store = new Histogram({
      name: 'pai_store_query_seconds',
      help: "The gateway's store statements (budgets, request log, usage), by statement kind.",
      labelNames: ['statement'],
      buckets: STORE_BUCKETS,
      registers,
    });
    new Gauge({
      name: 'pai_gateway_budget_remaining_tokens',
      help: "Today's (UTC) tokens left under each daily cap: cap minus used (held reservations not subtracted), by budget line and namespace/name.",
      labelNames: ['line', 'name'],
      registers,
      async collect() {
        this.reset();
        const { rows } = await db.query<{ scope: string; used: string | number; cap: string | number }>(
          `SELECT scope, used, cap FROM budget_usage WHERE period = $1 AND cap IS NOT NULL`,
          [utcDay(now())],
        );
        for (const r of rows) {
          const prefix = r.scope.slice(0, r.scope.indexOf(':') + 1);
          const line = BUDGET_LINES[prefix];
          if (line) this.set({ line, name: r.scope.slice(prefix.length) }, Math.max(0, Number(r.cap) - Number(r.used)));
        }
      },
    });
  }

  /** One settled request (its audit record). Provider and Agent names are made `namespace/name` as in the request log. */
  observe(a: AuditRecord): void {
    const key = `${a.route}\0${a.status}\0${a.code ?? ''}\0${a.key ?? ''}\0${a.agent ?? ''}\0${a.provider ?? ''}\0${a.model ?? ''}`;
    let s = this.series.get(key);
    if (!s) this.series.set(key, (s = newSeries(a)));
    s.requests += 1;
    if (a.prompt_tokens !== null || a.completion_tokens !== null) {
      s.tokensSeen = true;
      s.tokensIn += a.prompt_tokens ?? 0;
      s.tokensOut += a.completion_tokens ?? 0;
    }
    if (a.fallbacks > 0) s.fallbacks += 1;
    if (a.upstream_ms !== null && a.provider !== null) this.upstream.observe(s.modelLabels, a.upstream_ms / 1000);
    if (a.ttft_ms !== null && a.provider !== null) this.ttft.observe(s.modelLabels, a.ttft_ms / 1000);
    if (a.guards !== null) {
      for (const event of a.guards.split(',')) {
        const parts = event.split(':');
        this.guards.inc({ binding: parts[0]!, target: parts.length > 2 ? 'response' : 'prompt', verdict: parts[parts.length - 1]! });
      }
    }
  }

  /** Hands the counts gathered since the last scrape to the counters. */
  private publish(): void {
    for (const s of this.series.values()) {
      if (s.requests > 0) this.requests.inc(s.requestLabels, s.requests);
      if (s.tokensSeen) {
        this.tokens.inc({ direction: 'in', ...s.callerLabels }, s.tokensIn);
        this.tokens.inc({ direction: 'out', ...s.callerLabels }, s.tokensOut);
      }
      if (s.fallbacks > 0) this.fallbacks.inc(s.modelLabels, s.fallbacks);
      s.requests = s.tokensIn = s.tokensOut = s.fallbacks = 0;
      s.tokensSeen = false;
    }
  }

  /** The driver, with every statement's duration observed (by its first keyword). */
  timed(db: SqlDriver): SqlDriver {
    const observe = (sql: string, started: number) => this.store.observe({ statement: statementKind(sql) }, (performance.now() - started) / 1000);
    const time = <T>(sql: string, run: () => Promise<T>): Promise<T> => {
      const started = performance.now();
      return run().finally(() => observe(sql, started));
    };
    return {
      query: (sql, params) => time(sql, () => db.query(sql, params)),
      transaction: (fn) => db.transaction((tx) => fn({ query: (sql, params) => time(sql, () => tx.query(sql, params)) })),
      appendRows: (table, columns, rows) => time('insert', () => db.appendRows(table, columns, rows)),
      close: () => db.close(),
    };
  }

  async scrape(): Promise<{ contentType: string; body: string }> {
    this.publish();
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

/** The requests of one route, outcome, caller and model: their labels (built once) and what they
 * added to the counters since the last scrape. */
interface Series {
  requestLabels: { route: string; provider: string; model: string; status: number; code: string };
  callerLabels: { provider: string; model: string; access_key: string; agent: string };
  modelLabels: { provider: string; model: string };
  requests: number;
  /** The upstream reported usage (even of 0 tokens): the token series exist. */
  tokensSeen: boolean;
  tokensIn: number;
  tokensOut: number;
  fallbacks: number;
}

function newSeries(a: AuditRecord): Series {
  const namespace = a.key === null ? '' : a.key.slice(0, a.key.indexOf('/') + 1);
  const provider = a.provider === null ? '' : namespace + a.provider;
  const model = a.model ?? '';
  return {
    requestLabels: { route: a.route, provider, model, status: a.status, code: a.code ?? '' },
    callerLabels: { provider, model, access_key: a.key ?? '', agent: a.agent === null ? '' : namespace + a.agent },
    modelLabels: { provider, model },
    requests: 0,
    tokensSeen: false,
    tokensIn: 0,
    tokensOut: 0,
    fallbacks: 0,
  };
}

/** `select`, `insert`, `update`, `delete`, `with` …: a bounded label for a statement. */
function statementKind(sql: string): string {
  const word = /^\s*(\w+)/.exec(sql)?.[1]?.toLowerCase() ?? 'other';
  return ['select', 'insert', 'update', 'delete', 'with'].includes(word) ? word : 'other';
}
