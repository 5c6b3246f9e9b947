import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ADMIN_TOKEN_PREFIX, isAdminRole, ADMIN_ROLES, type AdminRole } from '../store/token-store.js';
import { ApiError } from './api-error.js';
import type { AdminTokenVerifier } from './admin-token-verifier.js';

/** The prefix of AccessKeys: the only bearer the LLM gateway (`/ext/…`) accepts. */
export const ACCESS_KEY_PREFIX = 'pak_';

/**
 * Who may call a route, declared with the route (`access(…)` below) and nowhere else: `public`
 * (no credential), `accessKey` (a `pak_…` key: the LLM gateway), or the least admin-token role it
 * needs (`read` < `apply` < `admin`).
 */
export type RouteAuth = 'public' | 'accessKey' | AdminRole;

/** The route options that declare a route's access: `app.get(path, access('read'), handler)`. */
export function access(auth: RouteAuth): { config: { auth: RouteAuth } } {
  return { config: { auth } };
}

/** Who made a request, once authenticated. */
export type Principal = { kind: 'AdminToken'; name: string; role: AdminRole } | { kind: 'AccessKey'; namespace: string; name: string };

/**
 * Verifies `pak_…` AccessKeys for the gateway (src/server/gateway/access-keys/access-key-verifier.ts);
 * an app built without a gateway accepts none.
 */
export interface AccessKeyVerifier {
  verify(key: string): Promise<{ namespace: string; name: string } | undefined>;
}

/** The verifier used while no AccessKeys exist: every key is unknown (401). */
export const noAccessKeys: AccessKeyVerifier = { verify: async () => undefined };

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    auth?: RouteAuth;
  }
}

/**
 * Deny by default, decided on the route the router matched — never on the request's URL text,
 * which the router decodes (`/%761/tokens` is `/v1/tokens`) before it matches. The hook runs on
 * every request before its body is read: a request for no route is answered 404 at once; a
 * route that declares no access is refused (a bug, caught by test/server/http/route-access.test.ts);
 * otherwise the credential must be of the declared kind. The two kinds are never interchangeable:
 * the prefix is checked before any lookup, so a key of the wrong kind gets 403 without touching
 * the store. Missing or unknown credentials get 401.
 */
export function registerAuth(app: FastifyInstance, admin: AdminTokenVerifier, accessKeys: AccessKeyVerifier, now: () => number = Date.now): void {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (req, reply) => {
    if (req.is404) throw routeNotFound();
    const auth = req.routeOptions.config.auth;
    if (auth === 'public') return;
    if (auth === 'accessKey') {
      req.principal = await authenticateAccessKey(req, accessKeys);
      return;
    }
    if (!isAdminRole(auth)) throw new ApiError('Forbidden', 'this route declares no access rule, so it is closed', 'this is a bug in pai; please report it');
    // Answers may hold fresh tokens or fingerprints: never cache them anywhere.
    void reply.header('cache-control', 'no-store');
    req.principal = await authenticateAdmin(req, admin, auth, now());
  });
}

/** The answer to a request for no route: it never echoes the path (it may hold anything). */
export function routeNotFound(): ApiError {
  return new ApiError('NotFound', 'there is no such route in this API', 'see GET /openapi.json for the routes');
}

/** The bearer credential of a request, or undefined. */
function bearer(req: FastifyRequest): string | undefined {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const m = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  return m?.[1];
}

async function authenticateAdmin(req: FastifyRequest, admin: AdminTokenVerifier, needs: AdminRole, now: number): Promise<Principal> {
  const token = bearer(req);
  if (!token) throw unauthorized('this API needs an admin token: send Authorization: Bearer pai_tok_…');
  if (token.startsWith(ACCESS_KEY_PREFIX)) {
    throw new ApiError(
      'WrongCredentialKind',
      'an AccessKey (pak_…) was sent to the control-plane API, which accepts only admin tokens (pai_tok_…)',
      'AccessKeys work only with the LLM gateway (/ext/…); log in with `pai login URL --token pai_tok_…` for this API',
    );
  }
  if (!token.startsWith(ADMIN_TOKEN_PREFIX)) throw unauthorized('the credential is not an admin token (they start with pai_tok_)');
  const grant = await admin.verify(token);
  if (grant === undefined) throw unauthorized('the admin token is not valid (unknown or revoked)');
  if (grant.expiresAt !== null && now >= grant.expiresAt) {
    throw new ApiError(
      'TokenExpired',
      `the admin token "${grant.name}" expired at ${new Date(grant.expiresAt).toISOString()}`,
      'ask an admin for a new one (`pai token create --name NAME --role ROLE --expires-in 90d`)',
    );
  }
  if (ADMIN_ROLES.indexOf(grant.role) < ADMIN_ROLES.indexOf(needs)) {
    throw new ApiError(
      'Forbidden',
      `the admin token "${grant.name}" has the role ${grant.role}; this call needs ${needs}`,
      'use a token with that role (`pai token list` shows the roles)',
    );
  }
  return { kind: 'AdminToken', name: grant.name, role: grant.role };
}

/** The AccessKey a request presents (`Authorization: Bearer` or Anthropic's `x-api-key`), or undefined. */
export function presentedAccessKey(req: FastifyRequest): string | undefined {
  const apiKey = req.headers['x-api-key'];
  return bearer(req) ?? (typeof apiKey === 'string' && apiKey.trim() ? apiKey.trim() : undefined);
}

/**
 * The gateway's seam: `/ext/…` accepts only AccessKeys. An admin token is refused with 403 (it
 * must never be usable from an agent's environment); an unknown key gets 401.
 */
export async function authenticateAccessKey(req: FastifyRequest, accessKeys: AccessKeyVerifier): Promise<Principal> {
  const key = presentedAccessKey(req);
  if (!key) throw unauthorized('the LLM gateway needs an AccessKey: send Authorization: Bearer pak_…', GATEWAY_HINT);
  if (key.startsWith(ADMIN_TOKEN_PREFIX)) {
    throw new ApiError(
      'WrongCredentialKind',
      'an admin token (pai_tok_…) was sent to the LLM gateway, which accepts only AccessKeys (pak_…)',
      'create an AccessKey with `pai access-key create` and use it instead',
    );
  }
  if (!key.startsWith(ACCESS_KEY_PREFIX)) throw unauthorized('the credential is not an AccessKey (they start with pak_)', GATEWAY_HINT);
  const found = await accessKeys.verify(key);
  if (!found) throw unauthorized('the AccessKey is not valid (unknown or revoked)', GATEWAY_HINT);
  return { kind: 'AccessKey', ...found };
}

const ADMIN_HINT = 'log in with `pai login URL --token pai_tok_…` (the first token is in <data-dir>/admin.token), or create one with `pai token create`';
const GATEWAY_HINT = 'create an AccessKey with `pai access-key create` and send it as Authorization: Bearer pak_…';

function unauthorized(message: string, hint: string = ADMIN_HINT): ApiError {
  return new ApiError('Unauthorized', message, hint);
}
