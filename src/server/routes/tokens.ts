import type { FastifyInstance } from 'fastify';
import type { TokenStore } from '../../store/token-store.js';
import type { AdminTokenVerifier } from '../admin-token-verifier.js';
import { badRequest } from '../api-error.js';
import { requireObjectBody } from '../json-body.js';
import { isDnsLabel, requireDnsLabel } from '../names.js';
import { sendJson } from './resources.js';

/**
 * Admin token management for CI: list (names and dates, never tokens), create (the token is in
 * this one response only), revoke (never the last one).
 */
export function registerTokenRoutes(app: FastifyInstance, tokens: TokenStore, verifier: AdminTokenVerifier): void {
  app.get('/v1/tokens', async (_req, reply) => sendJson(reply, 200, JSON.stringify({ items: await tokens.list() })));

  app.post('/v1/tokens', async (req, reply) => {
    const body = requireObjectBody(req.body, '{"name": "ci"}');
    if (!isDnsLabel(body.name)) {
      throw badRequest('"name" is missing or not a valid token name', 'use lower-case letters, digits and \'-\' (DNS-1123), e.g. "ci"');
    }
    const token = await tokens.create(body.name);
    verifier.invalidate();
    return sendJson(reply, 201, JSON.stringify({ name: body.name, token }));
  });

  app.delete<{ Params: { name: string } }>('/v1/tokens/:name', async (req, reply) => {
    const name = requireDnsLabel(req.params.name, 'name');
    await tokens.revoke(name);
    verifier.invalidate();
    return sendJson(reply, 200, JSON.stringify({ name }));
  });
}
