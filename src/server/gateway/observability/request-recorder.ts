import type { AppendColumn } from '../../store/append-rows.js';
import { OneAtATime } from '../../../lib/one-at-a-time.js';
import type { SqlDriver, SqlQueryable } from '../../store/sql-driver.js';
import type { AuditRecord } from '../audit.js';
import { utcDay, type Clock } from '../clock.js';

/** How the request log and the daily usage rows are kept. */
export interface RecorderOptions {
  /** Keep request log rows (usage_daily is always kept). */
  requestLog: boolean;
  /** Request log rows older than this are pruned. */
  retentionMs: number;
  /** At most this many request log rows are kept (the oldest go first). */
  maxRows: number;
  /** Buffered rows reach the store at most this late. */
  flushIntervalMs: number;
  /** How often old rows are pruned. */
  pruneIntervalMs: number;
}

export const DEFAULT_RECORDER_OPTIONS: RecorderOptions = {
  requestLog: true,
  retentionMs: 30 * 86_400_000,
  maxRows: 1_000_000,
  flushIntervalMs: 1_000,
  pruneIntervalMs: 60_000,
};

/** Daily usage rows older than this are pruned (the API shows at most 90 days). */
const USAGE_RETENTION_DAYS = 400;
/** Rows held in memory while the store is unreachable; beyond this the oldest log rows are dropped. */
const MAX_BUFFERED_ROWS = 50_000;

interface UsageCounts {
  requests: number;
  tokensIn: number;
  tokensOut: number;
  refusals: number;
}

/** One request_log row, as buffered. */
interface LogRow {
  at: Date;
  record: AuditRecord;
  accessKey: string | null;
  agent: string | null;
  provider: string | null;
}

const SEP = '\u0000';

/**
 * Keeps what the gateway did in the store, for `pai usage`, `pai logs` and /ui: per UTC day and
 * (provider, AccessKey, Agent, model) the requests, tokens and refusals; and one request_log row
 * per request. The hot path only adds to in-memory buffers (`record`); a timer writes them in two
 * statements per flush (an upsert of the usage rows; the log rows by `appendRows`, a binary COPY on
 * PGlite), so the cost per request is a map update, an array push and its row's share of one
 * COPY whatever the traffic. Replicas add to the same usage rows.
 */
export class RequestRecorder {
  private usage = new Map<string, UsageCounts>();
  private rows: LogRow[] = [];
  private flushTimer: NodeJS.Timeout | undefined;
  private pruneTimer: NodeJS.Timeout | undefined;
  /** Flushes never overlap: a second one waits, then sends what came in meanwhile. */
  private readonly flushes = new OneAtATime();
  private dropped = 0;

  constructor(
    private readonly db: SqlDriver,
    private readonly now: Clock,
    /** This server process, as request_log.replica shows it. */
    readonly replica: string,
    readonly options: RecorderOptions = DEFAULT_RECORDER_OPTIONS,
    private readonly onError: (what: string, err: unknown) => void = () => {},
  ) {}

  start(): void {
    this.flushTimer = setInterval(() => void this.flush().catch((e) => this.onError('flush', e)), this.options.flushIntervalMs).unref();
    this.pruneTimer = setInterval(() => void this.prune().catch((e) => this.onError('prune', e)), this.options.pruneIntervalMs).unref();
  }

  /** Notes one settled request (the gateway's audit record). Names are `namespace/name`: an
   * AccessKey's provider and Agent live in its namespace. */
  record(audit: AuditRecord): void {
    const at = this.now();
    const namespace = audit.key === null ? null : audit.key.slice(0, audit.key.indexOf('/'));
    const provider = audit.provider !== null && namespace !== null ? `${namespace}/${audit.provider}` : null;
    const agent = audit.agent !== null && namespace !== null ? `${namespace}/${audit.agent}` : null;
    if (audit.key !== null) {
      const id = [utcDay(at), provider ?? '', audit.key, agent ?? '', audit.model ?? ''].join(SEP);
      let counts = this.usage.get(id);
      if (!counts) this.usage.set(id, (counts = { requests: 0, tokensIn: 0, tokensOut: 0, refusals: 0 }));
      counts.requests += 1;
      counts.tokensIn += audit.prompt_tokens ?? 0;
      counts.tokensOut += audit.completion_tokens ?? 0;
      if (audit.code !== null) counts.refusals += 1;
    }
    if (this.options.requestLog) {
      if (this.rows.length >= MAX_BUFFERED_ROWS) {
        this.rows.shift();
        this.dropped += 1;
      }
      this.rows.push({ at: new Date(at), record: audit, accessKey: audit.key, agent, provider });
    }
  }

  /** Writes what is buffered (before a read that must see it; close). */
  async flush(): Promise<void> {
    await this.flushes.run(async () => {
      if (this.usage.size === 0 && this.rows.length === 0) return;
      await this.flushOnce();
    });
  }

  async close(): Promise<void> {
    for (const t of [this.flushTimer, this.pruneTimer]) if (t) clearInterval(t);
    await this.flush().catch((e) => this.onError('flush', e));
  }

  /** Drops request log rows past the retention (age, then count) and old usage rows. */
  async prune(): Promise<void> {
    const now = this.now();
    await this.db.query(`DELETE FROM request_log WHERE at < $1`, [new Date(now - this.options.retentionMs)]);
    await this.db.query(
      `DELETE FROM request_log WHERE id <= (SELECT id FROM request_log ORDER BY id DESC OFFSET $1 LIMIT 1)`,
      [this.options.maxRows],
    );
    await this.db.query(`DELETE FROM usage_daily WHERE day < $1`, [utcDay(now - USAGE_RETENTION_DAYS * 86_400_000)]);
  }

  private async flushOnce(): Promise<void> {
    const usage = this.usage;
    const rows = this.rows;
    this.usage = new Map();
    this.rows = [];
    try {
      if (usage.size > 0) await upsertUsage(this.db, usage);
    } catch (err) {
      this.putBack(usage, rows);
      throw err;
    }
    try {
      if (rows.length > 0) await insertLogRows(this.db, rows, this.replica);
    } catch (err) {
      this.putBack(new Map(), rows);
      throw err;
    }
    if (this.dropped > 0) {
      this.onError(`request log buffer overflow (${this.dropped} rows dropped)`, new Error('overflow'));
      this.dropped = 0;
    }
  }

  /** A failed write: its rows go back in front of what arrived meanwhile, to be retried. */
  private putBack(usage: Map<string, UsageCounts>, rows: LogRow[]): void {
    for (const [id, counts] of usage) {
      const current = this.usage.get(id);
      if (!current) this.usage.set(id, counts);
      else for (const k of Object.keys(counts) as Array<keyof UsageCounts>) current[k] += counts[k];
    }
    this.rows = [...rows, ...this.rows].slice(-MAX_BUFFERED_ROWS);
  }
}

async function upsertUsage(db: SqlQueryable, usage: Map<string, UsageCounts>): Promise<void> {
  const cols: unknown[][] = [[], [], [], [], [], [], [], [], []];
  for (const [id, c] of usage) {
    const parts = id.split(SEP);
    for (let i = 0; i < 5; i++) cols[i]!.push(parts[i]);
    cols[5]!.push(c.requests);
    cols[6]!.push(c.tokensIn);
    cols[7]!.push(c.tokensOut);
    cols[8]!.push(c.refusals);
  }
  await db.query(
    `INSERT INTO usage_daily AS u (day, provider, access_key, agent, model, requests, tokens_in, tokens_out, refusals)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[], $8::bigint[], $9::bigint[])
     ON CONFLICT (day, provider, access_key, agent, model) DO UPDATE SET
       requests = u.requests + excluded.requests, tokens_in = u.tokens_in + excluded.tokens_in,
       tokens_out = u.tokens_out + excluded.tokens_out, refusals = u.refusals + excluded.refusals`,
    cols,
  );
}

/** request_log's columns but id, in the order insertLogRows gives them. */
const LOG_COLUMNS: readonly AppendColumn[] = [
  { name: 'at', type: 'timestamptz' },
  { name: 'route', type: 'text' },
  { name: 'access_key', type: 'text' },
  { name: 'key_id', type: 'text' },
  { name: 'agent', type: 'text' },
  { name: 'requested', type: 'text' },
  { name: 'provider', type: 'text' },
  { name: 'model', type: 'text' },
  { name: 'status', type: 'integer' },
  { name: 'code', type: 'text' },
  { name: 'stream', type: 'boolean' },
  { name: 'tokens_in', type: 'integer' },
  { name: 'tokens_out', type: 'integer' },
  { name: 'latency_ms', type: 'real' },
  { name: 'attempts', type: 'integer' },
  { name: 'fallbacks', type: 'integer' },
  { name: 'guards', type: 'text' },
  { name: 'replica', type: 'text' },
];

async function insertLogRows(db: SqlDriver, rows: LogRow[], replica: string): Promise<void> {
  await db.appendRows(
    'request_log',
    LOG_COLUMNS,
    rows.map(({ at, record: r, accessKey, agent, provider }) => [
      at,
      r.route,
      accessKey,
      r.key_id,
      agent,
      r.requested,
      provider,
      r.model,
      r.status,
      r.code,
      r.stream,
      r.prompt_tokens,
      r.completion_tokens,
      r.latency_ms,
      r.attempts,
      r.fallbacks,
      r.guards,
      replica,
    ]),
  );
}
