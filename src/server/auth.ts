import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ADMIN_TOKEN_PREFIX } from '../store/token-store.js';
import { ApiError } from './api-error.js';
import type { AdminTokenVerifier } from './admin-token-verifier.js';

/** The prefix of AccessKeys: the only bearer the LLM gateway (`/ext/…`) accepts. */
export const ACCESS_KEY_PREFIX = 'pak_';

/** Who made a request, once authenticated. */
export type Principal = { kind: 'AdminToken'; name: string } | { kind: 'AccessKey'; namespace: string; name: string };

/**
 * Verifies `pak_…` AccessKeys for the gateway (src/gateway/access-keys/access-key-verifier.ts);
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
}

/**
 * Two kinds of credential, never interchangeable: `/v1/` takes only admin tokens, `/ext/` only
 * AccessKeys. The prefix is checked before any lookup, so a key of the wrong kind gets 403 without
 * touching the store. Missing or unknown credentials get 401.
 */
export function registerAuth(app: FastifyInstance, admin: AdminTokenVerifier, accessKeys: AccessKeyVerifier): void {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    if (path === '/v1' || path.startsWith('/v1/')) {
      // Answers may hold fresh tokens or fingerprints: never cache them anywhere.
      void reply.header('cache-control', 'no-store');
      req.principal = await authenticateAdmin(req, admin);
    } else if (path === '/ext' || path.startsWith('/ext/')) req.principal = await authenticateAccessKey(req, accessKeys);
  });
}

/** The bearer credential of a request, or undefined. */
function bearer(req: FastifyRequest): string | undefined {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const m = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  return m?.[1];
}

async function authenticateAdmin(req: FastifyRequest, admin: AdminTokenVerifier): Promise<Principal> {
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
  const name = await admin.verify(token);
  if (name === undefined) throw unauthorized('the admin token is not valid (unknown or revoked)');
  return { kind: 'AdminToken', name };
}

/**
 * The gateway's seam: `/ext/…` accepts only AccessKeys. An admin token is refused with 403 (it
 * must never be usable from an agent's environment); an unknown key gets 401.
 */
export async function authenticateAccessKey(req: FastifyRequest, accessKeys: AccessKeyVerifier): Promise<Principal> {
  // Anthropic's SDKs send the key as x-api-key; both headers are checked the same way.
  const apiKey = req.headers['x-api-key'];
  const key = bearer(req) ?? (typeof apiKey === 'string' && apiKey.trim() ? apiKey.trim() : undefined);
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
