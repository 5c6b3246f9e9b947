import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError, badRequest } from '../../http/api-error.js';
import { access } from '../../http/auth.js';
import type { Gateway } from '../gateway.js';
import { MAX_REQUEST_LOG_LIMIT, queryRequestLog, type RequestLogQuery } from './request-log.js';
import { MAX_USAGE_DAYS, USAGE_GROUPS, usageReport, type UsageGroup } from './usage-report.js';

const USAGE_PARAMS = ['days', 'by'];
const LOG_PARAMS = ['since', 'until', 'accessKey', 'agent', 'provider', 'model', 'status', 'code', 'refused', 'fallback', 'limit', 'before', 'after'];

/**
 * `GET /metrics` (Prometheus text format), `GET /v1/usage` (daily usage per provider, AccessKey or Agent, against the caps) and
 * `GET /v1/requests` (the request log, newest first, with a cursor): what `pai usage`, `pai logs`
 * and /ui read. A read token is enough. This replica's buffered usage and log rows are written
 * first, so a read right after a request sees it; other replicas' arrive within their flush interval.
 */
export function registerObservabilityRoutes(app: FastifyInstance, gateway: Gateway | undefined): void {
  const need = (): Gateway => {
    if (!gateway) throw new ApiError('Internal', 'this server runs no gateway, so it keeps no usage', 'start it with `pai server`');
    return gateway;
  };
  app.get('/v1/usage', access('read'), async (req, reply) => {
    const gw = need();
    const query = params(req, USAGE_PARAMS);
    const days = integer(query, 'days', 1, MAX_USAGE_DAYS) ?? 14;
    const by = (query.by ?? 'provider') as UsageGroup;
    if (!USAGE_GROUPS.includes(by)) throw badRequest('"by" is not a usage grouping', `use one of ${USAGE_GROUPS.join(', ')}`);
    await flushAll(gw);
    const report = await usageReport(gw.options.db, await gw.config.current(), gw.now(), days, by);
    return reply.type('application/json; charset=utf-8').send(JSON.stringify(report));
  });
  app.get('/metrics', access('read'), async (_req, reply) => {
    const metrics = need().metrics;
    if (!metrics) throw new ApiError('NotFound', 'metrics are turned off on this server (pai server --no-metrics)', 'start the server without --no-metrics');
    const { contentType, body } = await metrics.scrape();
    return reply.type(contentType).send(body);
  });
  app.get('/v1/requests', access('read'), async (req, reply) => {
    const gw = need();
    const query = params(req, LOG_PARAMS);
    const q: RequestLogQuery = { limit: integer(query, 'limit', 1, MAX_REQUEST_LOG_LIMIT) ?? 100 };
    const since = time(query, 'since');
    const until = time(query, 'until');
    const before = integer(query, 'before', 0, Number.MAX_SAFE_INTEGER);
    const after = integer(query, 'after', 0, Number.MAX_SAFE_INTEGER);
    if (since) q.since = since;
    if (until) q.until = until;
    if (before !== undefined) q.before = before;
    if (after !== undefined) q.after = after;
    for (const field of ['accessKey', 'agent', 'provider', 'model', 'code'] as const) if (query[field] !== undefined) q[field] = query[field];
    if (query.status !== undefined) q.status = statusRange(query.status);
    if (flag(query, 'refused')) q.refused = true;
    if (flag(query, 'fallback')) q.fallback = true;
    await gw.recorder.flush();
    return reply.type('application/json; charset=utf-8').send(JSON.stringify(await queryRequestLog(gw.options.db, q)));
  });
}

async function flushAll(gw: Gateway): Promise<void> {
  const warn = (e: unknown) => gw.log.warn('could not flush gateway usage before a read', { error: (e as Error)?.name ?? 'unknown' });
  await Promise.all([gw.ledger.flush().catch(warn), gw.recorder.flush().catch(warn)]);
}

/**
 * The query string as single strings; an unknown or repeated parameter is refused. The refusal
 * names the parameters the route takes, never the unknown one: error messages reach logs, and
 * echoing input is how injected text gets there.
 */
function params(req: FastifyRequest, known: readonly string[]): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries((req.query ?? {}) as Record<string, unknown>)) {
    if (!known.includes(name)) throw badRequest(`a query parameter is not one this route takes: ${known.join(', ')}`, 'remove it, or check its spelling');
    if (typeof value !== 'string') throw badRequest(`the query parameter "${name}" is given more than once`, 'give it once');
    out[name] = value;
  }
  return out;
}

function integer(query: Record<string, string | undefined>, name: string, min: number, max: number): number | undefined {
  const text = query[name];
  if (text === undefined) return undefined;
  const n = /^\d{1,16}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw badRequest(`"${name}" is not a whole number from ${min} to ${max}`, `e.g. ${name}=${Math.min(max, Math.max(min, 14))}`);
  return n;
}

function time(query: Record<string, string | undefined>, name: string): Date | undefined {
  const text = query[name];
  if (text === undefined) return undefined;
  const at = /^\d{4}-\d{2}-\d{2}T/.test(text) ? Date.parse(text) : Number.NaN;
  if (!Number.isFinite(at)) throw badRequest(`"${name}" is not a date-time`, 'send an RFC 3339 time, e.g. 2026-12-07T10:00:00Z');
  return new Date(at);
}

function flag(query: Record<string, string | undefined>, name: string): boolean {
  const text = query[name];
  if (text === undefined || text === 'false') return false;
  if (text === 'true') return true;
  throw badRequest(`"${name}" is not true or false`, `send ${name}=true`);
}

/** `404` → [404, 404]; `4xx` → [400, 499]. */
function statusRange(text: string): [number, number] {
  if (/^[1-5]\d\d$/.test(text)) return [Number(text), Number(text)];
  if (/^[1-5]xx$/i.test(text)) return [Number(text[0]) * 100, Number(text[0]) * 100 + 99];
  throw badRequest('"status" is not an HTTP status or class', 'send e.g. status=429 or status=4xx');
}
