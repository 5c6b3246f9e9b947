import type { FastifyInstance } from 'fastify';
import { ADMIN_ROLES, isAdminRole, type TokenStore } from '../../store/token-store.js';
import type { AdminTokenVerifier } from '../admin-token-verifier.js';
import { badRequest } from '../api-error.js';
import { access } from '../auth.js';
import { requireObjectBody } from '../json-body.js';
import { isDnsLabel, requireDnsLabel } from '../names.js';
import { sendJson } from './resources.js';

const CREATE_FIELDS = new Set(['name', 'role', 'expiresAt']);

/**
 * Admin token management for CI: list (names, roles, dates, never tokens), create (the token is in
 * this one response only; a role, default admin, and an optional expiry), revoke (never the last
 * admin-role token). Listing needs `read`; creating and revoking need `admin`.
 */
export function registerTokenRoutes(app: FastifyInstance, tokens: TokenStore, verifier: AdminTokenVerifier, now: () => number = Date.now): void {
  app.get('/v1/tokens', access('read'), async (_req, reply) => sendJson(reply, 200, JSON.stringify({ items: await tokens.list() })));

  app.post('/v1/tokens', access('admin'), async (req, reply) => {
    const body = requireObjectBody(req.body, '{"name": "ci", "role": "read"}');
    for (const field of Object.keys(body)) {
      if (!CREATE_FIELDS.has(field)) throw badRequest(`unknown field "${field}" in the request body`, 'send {"name", "role"?, "expiresAt"?}');
    }
    if (!isDnsLabel(body.name)) {
      throw badRequest('"name" is missing or not a valid token name', 'use lower-case letters, digits and \'-\' (DNS-1123), e.g. "ci"');
    }
    const role = body.role ?? 'admin';
    if (!isAdminRole(role)) throw badRequest('"role" is not a token role', `use one of ${ADMIN_ROLES.join(', ')}`);
    const expiresAt = readExpiry(body.expiresAt, now());
    const token = await tokens.create(body.name, undefined, { role, ...(expiresAt ? { expiresAt } : {}) });
    verifier.invalidate();
    return sendJson(reply, 201, JSON.stringify({ name: body.name, token, role, expiresAt: expiresAt?.toISOString() ?? null }));
  });

  app.delete<{ Params: { name: string } }>('/v1/tokens/:name', access('admin'), async (req, reply) => {
    const name = requireDnsLabel(req.params.name, 'name');
    await tokens.revoke(name);
    verifier.invalidate();
    return sendJson(reply, 200, JSON.stringify({ name }));
  });
}

/** `expiresAt`: absent (never), or an RFC 3339 time in the future. */
function readExpiry(value: unknown, now: number): Date | undefined {
  if (value === undefined || value === null) return undefined;
  const at = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(at)) throw badRequest('"expiresAt" is not a date-time', 'send an RFC 3339 time, e.g. "2027-01-31T00:00:00Z"');
  if (at <= now) throw badRequest('"expiresAt" is in the past', 'send a time in the future');
  return new Date(at);
}
