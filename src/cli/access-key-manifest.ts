import { API_VERSION } from '../api/kinds.js';
import type { Manifest } from '../api/wire.js';

/** What `pai access-key create` was asked for (its flags, resolved). */
export interface AccessKeyRequest {
  name: string;
  namespace: string;
  modelProviders: string[];
  providers: string[];
  agent?: string;
  allowedModels: string[];
  allowedCidrs: string[];
  maxTokensPerDay?: number;
  maxRequestsPerMinute?: number;
  expiresAt?: string;
  description?: string;
}

/**
 * The AccessKey manifest for `pai access-key create`. Empty lists are left out (an omitted
 * allowedModels means "whatever the providers allow"). The server validates it with the same
 * schema and checks as `pai validate`, so this only shapes it.
 */
export function buildAccessKeyManifest(r: AccessKeyRequest): Manifest {
  const spec: Record<string, unknown> = {};
  if (r.description) spec.description = r.description;
  if (r.modelProviders.length > 0) spec.modelProviders = r.modelProviders;
  if (r.providers.length > 0) spec.providers = r.providers;
  if (r.agent) spec.agent = r.agent;
  if (r.allowedModels.length > 0) spec.allowedModels = r.allowedModels;
  if (r.allowedCidrs.length > 0) spec.allowedCIDRs = r.allowedCidrs;
  if (r.maxTokensPerDay !== undefined) spec.maxTokensPerDay = r.maxTokensPerDay;
  if (r.maxRequestsPerMinute !== undefined) spec.maxRequestsPerMinute = r.maxRequestsPerMinute;
  if (r.expiresAt) spec.expiresAt = r.expiresAt;
  return { apiVersion: API_VERSION, kind: 'AccessKey', metadata: { name: r.name, namespace: r.namespace }, spec };
}
