import type { FastifyInstance } from 'fastify';
import { ApiError, badRequest } from './api-error.js';
import { JSON_TOO_DEEP_MESSAGE, jsonTooDeep } from './json-depth.js';

/** Request bodies above this are refused with 413 before they are parsed. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * Makes `application/json` the only body type (anything else → 415) and parses it ourselves, so
 * that a parse error never echoes the body (V8's messages quote it) and an empty body on a DELETE
 * is simply no body. Keys that could poison prototypes are refused, and so is nesting deeper
 * than MAX_JSON_DEPTH (before parsing: later walks of the document are recursive).
 */
export function registerJsonBody(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: BODY_LIMIT_BYTES }, (_req, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    if (jsonTooDeep(text)) {
      done(badRequest(JSON_TOO_DEEP_MESSAGE, 'flatten it; no pai manifest needs that depth'), undefined);
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      const position = /position (\d+)/.exec(String((err as Error).message))?.[1];
      done(
        badRequest(
          `the request body is not valid JSON${position ? ` (at character ${position})` : ''}`,
          'send a JSON document with content-type application/json',
        ),
        undefined,
      );
      return;
    }
    if (text.includes('"__proto__"') && hasProtoKey(parsed)) {
      done(badRequest('the request body contains a "__proto__" key', 'remove it; it is never a valid field'), undefined);
      return;
    }
    done(null, parsed);
  });
}

function hasProtoKey(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasProtoKey);
  if (value && typeof value === 'object') {
    if (Object.prototype.hasOwnProperty.call(value, '__proto__')) return true;
    return Object.values(value).some(hasProtoKey);
  }
  return false;
}

/** The body as a JSON object, or a 400 saying what was expected. */
export function requireObjectBody(body: unknown, what: string): Record<string, unknown> {
  if (body && typeof body === 'object' && !Array.isArray(body)) return body as Record<string, unknown>;
  throw new ApiError('BadRequest', `the request body must be a JSON object (${what})`, 'send a JSON object with content-type application/json');
}
