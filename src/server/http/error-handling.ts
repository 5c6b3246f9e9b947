import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { maskTextDeep } from '../../api/redact.js';
import { KINDS } from '../../api/kinds.js';
import { sensitiveValues } from '../../api/sensitive-fields.js';
import { ApiError, asApiError } from './api-error.js';
import { routeNotFound } from './auth.js';
import type { Logger } from './logger.js';

/**
 * Every error leaves in the documented shape — ours, the store's, and fastify's own (bad JSON,
 * 413, 415, bad content-length) — with a fixed message per case, never fastify's or V8's text.
 * Unexpected errors are logged with their name and code only: database errors carry the query's
 * parameters, which may be anything a client sent.
 */
export function registerErrorHandling(app: FastifyInstance, log: Logger): void {
  app.setErrorHandler((err: unknown, req, reply) => {
    const apiError = err instanceof Error && !(err instanceof ApiError) ? fromFastifyError(err as FastifyError) : undefined;
    const final = apiError ?? asApiError(err);
    if (final.status >= 500) {
      const e = err as { name?: string; code?: string };
      log.error('request failed', { method: req.method, route: req.routeOptions.url ?? null, error: e?.name ?? 'unknown', code: e?.code });
    }
    void reply.status(final.status).type('application/json').send(maskTextDeep(final.toBody(), requestSecrets(req)));
  });
  // The auth hook answers requests for no route before their body is read (src/server/http/auth.ts).
  app.setNotFoundHandler(() => {
    throw routeNotFound();
  });
}

/**
 * The secret values a request carried, found by position: the manifest it writes (or each one of
 * a batch), of the kind it names or, without one, of the kind of the route. Whatever message an
 * error holds, none of these values leaves in the body.
 */
function requestSecrets(req: FastifyRequest): string[] {
  const body = req.body as Record<string, unknown> | null | undefined;
  if (!body || typeof body !== 'object') return [];
  const routeKind = KINDS.find((k) => req.routeOptions.url?.includes(`/${k.plural}`))?.kind;
  const manifests = Array.isArray(body.operations) ? body.operations.map((op) => (op as Record<string, unknown> | null)?.resource) : [body];
  return manifests.flatMap((m) => {
    const kind = m && typeof m === 'object' && typeof (m as Record<string, unknown>).kind === 'string' ? (m as Record<string, unknown>).kind : routeKind;
    return sensitiveValues(m, kind);
  });
}

/**
 * fastify's errors from before routing (`frameworkErrors`): a path that does not decode, a path
 * segment over the router's limit. Fastify's own answers echo the path; these do not.
 */
export function answerFrameworkError(err: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  const apiError =
    err.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? new ApiError('UriTooLong', `a segment of the request path is too long (at most ${MAX_PATH_SEGMENT} characters)`, 'names are DNS labels of at most 63 characters')
      : new ApiError('BadRequest', 'the request path is not a valid request path (a bad percent-encoding)', 'percent-encode the path as RFC 3986 says');
  void reply.status(apiError.status).type('application/json').send(apiError.toBody());
}

/** The router's limit on one path segment (fastify's `maxParamLength`, whose default it is). */
export const MAX_PATH_SEGMENT = 100;

/** fastify's framework errors (they carry a statusCode) mapped to ours. */
function fromFastifyError(err: FastifyError): ApiError | undefined {
  if (typeof err.statusCode !== 'number' || err.statusCode >= 500) return undefined;
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError('PayloadTooLarge', 'the request body is larger than 1 MiB', 'split the request (e.g. several smaller batches)');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError('UnsupportedMediaType', 'the request body must be JSON', 'send it with content-type application/json');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ApiError('BadRequest', 'the request body is empty', 'send a JSON document');
    default:
      if (err.statusCode === 413) return new ApiError('PayloadTooLarge', 'the request body is larger than 1 MiB', 'split the request');
      if (err.statusCode === 415) return new ApiError('UnsupportedMediaType', 'the request body must be JSON', 'send it with content-type application/json');
      if (err.statusCode === 404) return new ApiError('NotFound', 'not found');
      return new ApiError('BadRequest', 'the request is malformed', 'check the method, headers and body against GET /openapi.json');
  }
}
