import type { FastifyRequest } from 'fastify';
import { ipAllowed } from './config/cidr.js';
import { refKey, type AccessKeyConfig, type GatewaySnapshot } from './config/snapshot.js';
import { GatewayError } from './errors.js';
import type { Gateway } from './gateway.js';

/** Who is calling, resolved against the current snapshot, with the checks every route needs done. */
export interface CallerContext {
  snapshot: GatewaySnapshot;
  key: AccessKeyConfig;
  clientIp: string | undefined;
}

/**
 * The AccessKey behind a request (the shared auth hook verified it) as configured now: refused
 * when the AccessKey was deleted since, has expired, or is used from outside its allowedCIDRs.
 */
export async function callerOf(gateway: Gateway, req: FastifyRequest): Promise<CallerContext> {
  const principal = req.principal;
  if (principal?.kind !== 'AccessKey') throw new GatewayError('invalid_api_key', 'the LLM gateway needs an AccessKey: send Authorization: Bearer pak_…');
  const snapshot = await gateway.config.current();
  const key = snapshot.accessKeys.get(refKey(principal.namespace, principal.name));
  if (!key) throw new GatewayError('invalid_api_key', 'the AccessKey is not valid (its AccessKey resource was deleted)');
  if (key.expiresAt !== undefined && gateway.now() >= key.expiresAt) {
    throw new GatewayError('access_key_expired', `AccessKey ${key.name} expired at ${new Date(key.expiresAt).toISOString()}`);
  }
  const clientIp = clientAddress(req, gateway.trustProxy);
  if (!ipAllowed(key.allowedCidrs, clientIp)) {
    throw new GatewayError('client_ip_not_allowed', `AccessKey ${key.name} may not be used from ${clientIp ?? 'an unknown address'} (not in its allowedCIDRs)`);
  }
  return { snapshot, key, clientIp };
}

/**
 * The client's address: the socket's peer, unless the server runs behind a proxy it trusts
 * (`--trust-proxy`), in which case the first X-Forwarded-For entry. X-Forwarded-For is never
 * believed otherwise: any client can send it.
 */
export function clientAddress(req: FastifyRequest, trustProxy: boolean): string | undefined {
  if (trustProxy) {
    const header = req.headers['x-forwarded-for'];
    const first = (Array.isArray(header) ? header[0] : header)?.split(',')[0]?.trim();
    if (first) return first;
  }
  return req.socket.remoteAddress;
}
