import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../http/api-error.js';
import { routeNotFound } from '../http/auth.js';
import { jsonTooDeep, MAX_JSON_DEPTH } from '../http/json-depth.js';
import { auditCaller, newAuditRecord, writeAudit } from './audit.js';
import { GatewayError, renderError, type Dialect } from './errors.js';
import type { Gateway } from './gateway.js';
import { registerExtRoutes } from './ext-routes.js';
import { registerObservabilityRoutes } from './observability/observability-routes.js';

/** Gateway request bodies may be large (long contexts); the control-plane API keeps its 1 MiB. */
export const GATEWAY_BODY_LIMIT_BYTES = 32 * 1024 * 1024;

/**
 * Registers the gateway on the control plane's fastify app: the LLM routes under `/ext/v1/` (in their own context, with OpenAI/Anthropic error
 * shapes and a larger body limit), and a hook that tells the gateway about writes made through
 * `/v1/` so that its cached view of the store is never stale for this server's own writes.
 * Without a gateway (tests that build the bare app) the routes exist and answer 503.
 */
export function registerGateway(app: FastifyInstance, gateway: Gateway | undefined): void {
  registerObservabilityRoutes(app, gateway);
  if (gateway) {
    // Before the answer leaves (onSend), so that a client acting on it is never served from a stale view.
    app.addHook('onSend', async (req, reply, payload) => {
      if (req.method !== 'GET' && reply.statusCode < 400 && req.routeOptions.url?.startsWith('/v1/')) gateway.storeChanged();
      return payload;
    });
    // `pai get model-providers` / `pai access-key list` show live usage (never stored: see UsageOverlay).
    app.addHook('onSend', async (req, reply, payload) => {
      if (reply.statusCode >= 300 || typeof payload !== 'string' || !USAGE_READ.test(req.routeOptions.url ?? '')) return payload;
      return gateway.usage.apply(payload).catch((e: unknown) => {
        gateway.log.warn('could not read gateway usage', { error: (e as Error)?.name ?? 'unknown' });
        return payload;
      });
    });
  }
  void app.register(
    async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: GATEWAY_BODY_LIMIT_BYTES }, (req, body, done) => {
        if ((body as Buffer).length === 0) return done(null, undefined);
        const text = (body as Buffer).toString('utf8');
        // Checked on the text, before parsing: deeper input only serves to exhaust a recursive walker further on.
        if (jsonTooDeep(text)) {
          return done(new GatewayError('invalid_request', `the request body nests objects and arrays more than ${MAX_JSON_DEPTH} levels deep; flatten it`), undefined);
        }
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          return done(new GatewayError('invalid_request', 'the request body is not valid JSON'), undefined);
        }
        done(null, parsed);
      });
      scope.setErrorHandler((err: unknown, req, reply) => {
        const gatewayError = asGatewayError(err);
        // Refused by the shared auth hook, before any handler (which audit themselves) ran.
        if (err instanceof ApiError && gateway) auditRefusal(gateway, req, gatewayError, err.status, reply.elapsedTime);
        if (gatewayError.status >= 500 && !(err instanceof GatewayError)) {
          gateway?.log.error('gateway request failed', { route: req.routeOptions.url ?? null, error: (err as Error)?.name ?? 'unknown', code: (err as FastifyError)?.code });
        }
        return sendGatewayError(reply, gatewayError, dialectOf(req), err instanceof ApiError ? err.status : undefined);
      });
      // The auth hook answers requests for no route before their body is read (src/server/http/auth.ts).
      scope.setNotFoundHandler(() => {
        throw routeNotFound();
      });
      registerExtRoutes(scope, gateway);
    },
    { prefix: '/ext/v1' },
  );
}

/** The audit line of a request the auth hook refused (no, unknown, revoked or wrong-kind
 * credential; no such route). */
function auditRefusal(gateway: Gateway, req: FastifyRequest, err: GatewayError, status: number, elapsedMs: number): void {
  const route = req.routeOptions.url;
  const audit = newAuditRecord(route ? (AUDIT_ROUTE[route] ?? route) : 'unknown');
  auditCaller(audit, req);
  audit.status = status;
  audit.code = err.code;
  writeAudit(gateway, audit, performance.now() - elapsedMs);
}

/** The names audit lines give the LLM routes (as handleLlmCall does). */
const AUDIT_ROUTE: Record<string, string> = {
  '/ext/v1/chat/completions': 'chat',
  '/ext/v1/messages': 'messages',
  '/ext/v1/messages/count_tokens': 'count_tokens',
  '/ext/v1/models': 'models',
};

/** The `/v1/` routes (as registered) whose answers may hold ModelProviders or AccessKeys, whose
 * status shows gateway usage. */
const USAGE_READ = /^\/v1\/((namespaces\/:namespace\/)?(modelproviders|accesskeys)(\/|$)|batch$)/;

/** Messages routes speak Anthropic's error shape, everything else OpenAI's (by the route matched). */
export function dialectOf(req: FastifyRequest): Dialect {
  return req.routeOptions.url?.startsWith('/ext/v1/messages') ? 'anthropic' : 'openai';
}

/** Sends a refusal in the route's dialect, with its headers (Retry-After, usage …). */
export function sendGatewayError(reply: FastifyReply, err: GatewayError, dialect: Dialect, status = err.status): FastifyReply {
  void reply.headers(err.headers);
  return reply.status(status).type('application/json').send(renderError(err, dialect));
}

/** Errors from the shared auth hook (ApiError), fastify (body too large) or bugs, as gateway errors. */
function asGatewayError(err: unknown): GatewayError {
  if (err instanceof GatewayError) return err;
  if (err instanceof ApiError) {
    if (err.reason === 'Unauthorized') return new GatewayError('invalid_api_key', err.message, { reason: err.reason });
    if (err.reason === 'WrongCredentialKind') return new GatewayError('wrong_credential_kind', err.message, { reason: err.reason });
    return new GatewayError('invalid_request', err.message, { reason: err.reason });
  }
  const status = (err as FastifyError)?.statusCode;
  if (status === 413) return new GatewayError('request_too_large', `the request body is larger than ${GATEWAY_BODY_LIMIT_BYTES / 1024 / 1024} MiB`);
  if (typeof status === 'number' && status < 500) return new GatewayError('invalid_request', 'the request is malformed');
  return new GatewayError('gateway_error', 'the gateway failed to handle the request; if it persists, look at the server log');
}
