import type { FastifyRequest } from 'fastify';
import { ACCESS_KEY_PREFIX, presentedAccessKey } from '../http/auth.js';
import type { Logger } from '../http/logger.js';
import { hashAccessKey, keyIdOf } from './access-keys/access-key-token.js';

/**
 * The one audit line of a gateway request: who (AccessKey), what (route, the model asked for,
 * the provider and model that served it), how much (tokens), how it ended (status, error code)
 * and how long it took. Never the prompt, the answer, or any key.
 */
export interface AuditRecord {
  route: string;
  /** The AccessKey as namespace/name, once the key was recognised. */
  key: string | null;
  /** The id of the `pak_…` key presented (8 hex digits of its SHA-256, as `pai access-key list`
   * shows it), recognised or not: a refused key can be traced without ever logging it. */
  key_id: string | null;
  /** The Agent the key is bound to (its name; it lives in the key's namespace). */
  agent: string | null;
  requested: string | null;
  provider: string | null;
  model: string | null;
  status: number;
  code: string | null;
  stream: boolean;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  total_tokens: number | null;
  /** Upstream attempts, retries and fallbacks included. */
  attempts: number;
  /** Models tried before the one that served (or before giving up). */
  fallbacks: number;
  guards: string | null;
  /** From sending the serving call upstream to its response headers. */
  upstream_ms: number | null;
  /** Streams: from sending the serving call upstream to its first chunk (time to first token). */
  ttft_ms: number | null;
  latency_ms: number;
}

/** A record with nothing known yet. */
export function newAuditRecord(route: string): AuditRecord {
  return {
    route,
    key: null,
    key_id: null,
    agent: null,
    requested: null,
    provider: null,
    model: null,
    status: 0,
    code: null,
    stream: false,
    prompt_tokens: null,
    completion_tokens: null,
    total_tokens: null,
    attempts: 0,
    fallbacks: 0,
    guards: null,
    upstream_ms: null,
    ttft_ms: null,
    latency_ms: 0,
  };
}

/** Fills in who is calling: the key id of whatever `pak_…` key was presented, and the AccessKey
 * once the auth hook recognised it. An admin token sent here is never hashed into the log. */
export function auditCaller(record: AuditRecord, req: FastifyRequest): void {
  const presented = presentedAccessKey(req);
  if (presented?.startsWith(ACCESS_KEY_PREFIX)) record.key_id = keyIdOf(hashAccessKey(presented));
  if (req.principal?.kind === 'AccessKey') record.key = `${req.principal.namespace}/${req.principal.name}`;
}

/** Where a settled request goes: the log (one JSON line) and the gateway's observers. */
export interface AuditSink {
  log: Logger;
  /** Keeps the record for the request log, usage reports and metrics (src/server/gateway/observability). */
  observe(record: AuditRecord): void;
}

/** Writes the record as one JSON line (`"msg":"gateway request"`) and hands it to the observers. */
export function writeAudit(sink: AuditSink, record: AuditRecord, startedAt: number): void {
  record.latency_ms = msSince(startedAt);
  sink.log.info('gateway request', { ...record });
  sink.observe(record);
}

/** Milliseconds since a performance.now() reading, to 0.01 ms. */
export function msSince(startedAt: number): number {
  return Math.round((performance.now() - startedAt) * 100) / 100;
}
