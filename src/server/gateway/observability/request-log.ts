import type { RequestLogItem, RequestLogPage } from '../../../api/observability.generated.js';
import type { SqlQueryable } from '../../store/sql-driver.js';

/** What to select (every field optional). */
export interface RequestLogQuery {
  since?: Date;
  until?: Date;
  accessKey?: string;
  agent?: string;
  provider?: string;
  model?: string;
  /** An exact status, or a class: [400, 499]. */
  status?: [number, number];
  code?: string;
  refused?: boolean;
  fallback?: boolean;
  before?: number;
  after?: number;
  limit: number;
}

export const MAX_REQUEST_LOG_LIMIT = 1000;

/** The request log, newest first, filtered, one page at a time. */
export async function queryRequestLog(db: SqlQueryable, q: RequestLogQuery): Promise<RequestLogPage> {
  // `latest` first, and only rows up to it: a row written between the two statements is never
  // skipped by a client that follows with after=latest.
  const { rows: top } = await db.query<{ id: string | number | null }>(`SELECT max(id) AS id FROM request_log`);
  const latest = top[0]?.id === null || top[0]?.id === undefined ? null : Number(top[0].id);
  if (latest === null) return { items: [], next: null, latest: null };
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (q.since) add('at >= ?', q.since.toISOString());
  if (q.until) add('at < ?', q.until.toISOString());
  if (q.accessKey !== undefined) add('access_key = ?', q.accessKey);
  if (q.agent !== undefined) add('agent = ?', q.agent);
  if (q.provider !== undefined) add('provider = ?', q.provider);
  if (q.model !== undefined) add('model = ?', q.model);
  if (q.status) {
    add('status >= ?', q.status[0]);
    add('status <= ?', q.status[1]);
  }
  if (q.code !== undefined) add('code = ?', q.code);
  if (q.refused) where.push('code IS NOT NULL');
  if (q.fallback) where.push('fallbacks > 0');
  if (q.before !== undefined) add('id < ?', q.before);
  if (q.after !== undefined) add('id > ?', q.after);
  add('id <= ?', latest);
  params.push(q.limit + 1);
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT id, at, route, access_key, key_id, agent, requested, provider, model, status, code, stream, tokens_in, tokens_out,
            latency_ms, attempts, fallbacks, guards, replica
       FROM request_log ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT $${params.length}`,
    params,
  );
  const items = rows.slice(0, q.limit).map(toItem);
  return { items, next: rows.length > q.limit ? items[items.length - 1]!.id : null, latest };
}

function toItem(r: Record<string, unknown>): RequestLogItem {
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    id: Number(r.id),
    time: new Date(r.at as string | Date).toISOString(),
    route: r.route as string,
    accessKey: r.access_key as string | null,
    keyId: r.key_id as string | null,
    agent: r.agent as string | null,
    requested: r.requested as string | null,
    provider: r.provider as string | null,
    model: r.model as string | null,
    status: Number(r.status),
    code: r.code as string | null,
    stream: r.stream === true,
    tokensIn: num(r.tokens_in),
    tokensOut: num(r.tokens_out),
    latencyMs: Math.round(Number(r.latency_ms) * 100) / 100,
    attempts: Number(r.attempts),
    fallbacks: Number(r.fallbacks),
    guards: r.guards as string | null,
    replica: r.replica as string,
  };
}
