import { packagePath } from '../../../lib/package-root.js';
import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../api-error.js';
import { access } from '../auth.js';
import { sendJson } from './resources.js';

/** The repository's (and the package's) openapi.json: src/server/http/routes → ../../../openapi.json,
 * the same depth from dist/server/http/routes. */
export const OPENAPI_FILE = packagePath('openapi.json');

/** Routes that need no credential (health, the API description) and `whoami`, which lets
 * `pai login` check a token. */
export function registerMetaRoutes(app: FastifyInstance, storeReady?: () => Promise<unknown>): void {
  let openapi: string | undefined;
  app.get('/healthz', access('public'), async (_req, reply) => sendJson(reply, 200, '{"status":"ok"}'));
  // For load balancers and orchestrators: 503 while the store does not answer (within 2 s).
  app.get('/readyz', access('public'), async (_req, reply) => {
    const ready = storeReady ? await withinMs(storeReady(), READY_TIMEOUT_MS) : false;
    return ready ? sendJson(reply, 200, '{"status":"ready"}') : sendJson(reply, 503, '{"status":"unavailable","message":"the store does not answer"}');
  });
  app.get('/openapi.json', access('public'), async (_req, reply) => {
    try {
      openapi ??= await readFile(OPENAPI_FILE, 'utf8');
    } catch {
      throw new ApiError('Internal', 'the OpenAPI document is missing from this installation', 'reinstall pai');
    }
    return sendJson(reply, 200, openapi);
  });
  app.get('/v1/whoami', access('read'), async (req, reply) => {
    const p = req.principal;
    return sendJson(reply, 200, JSON.stringify(p?.kind === 'AdminToken' ? { kind: 'AdminToken', name: p.name, role: p.role } : p));
  });
}

const READY_TIMEOUT_MS = 2_000;

/** Whether the promise resolves within `ms` (a rejection or a timeout is false). */
function withinMs(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  return Promise.race([promise.then(() => true, () => false), timeout]).finally(() => clearTimeout(timer));
}
