import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../api-error.js';
import { access } from '../auth.js';
import { sendJson } from './resources.js';

/** The repository's (and the package's) openapi.json: src/server/routes → ../../../openapi.json,
 * the same depth from dist/server/routes. */
export const OPENAPI_FILE = fileURLToPath(new URL('../../../openapi.json', import.meta.url));

/** Routes that need no credential (health, the API description) and `whoami`, which lets
 * `pai login` check a token. */
export function registerMetaRoutes(app: FastifyInstance): void {
  let openapi: string | undefined;
  app.get('/healthz', access('public'), async (_req, reply) => sendJson(reply, 200, '{"status":"ok"}'));
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
