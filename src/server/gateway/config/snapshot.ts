import type { BlockList } from 'node:net';
import { DEFAULT_ENDPOINTS } from '../../../compiler/catalog/endpoints.js';
import { applyDefaults } from '../../../api/defaults.js';
import type { AccessKeySpec, AgentSpec, GuardAttachment, GuardBindingSpec, ModelProviderSpec } from '../../../api/types.generated.js';
import type { ResourceDocument } from '../../store/resource-document.js';
import { DEFAULT_CALL_TIMEOUTS, type UpstreamCallTimeouts } from '../upstream/upstream-pools.js';
import { compileCidrs } from './cidr.js';

/** Resources are looked up by `<namespace>/<name>`: references never leave their namespace. */
export const refKey = (namespace: string, name: string): string => `${namespace}/${name}`;

/** A ModelProvider as the gateway uses it: defaults applied, endpoint resolved. */
export interface ProviderConfig {
  namespace: string;
  name: string;
  kind: ModelProviderSpec['provider'];
  /** The API base URL without a trailing slash (the vendor default when the spec has none). */
  baseUrl: string | undefined;
  apiVersion: string | undefined;
  apiKeySecret: { name: string; key: string } | undefined;
  allowedModels: readonly string[];
  deniedModels: ReadonlySet<string>;
  maxTokensPerDay: number | undefined;
  maxTokensPerRequest: number | undefined;
  externalEnabled: boolean;
  externalMaxTokensPerDay: number | undefined;
  retry: { maxAttempts: number; initialBackoffMs: number; maxBackoffMs: number };
  /** spec.timeouts, the server's defaults filled in. */
  timeouts: UpstreamCallTimeouts;
  fallbacks: readonly string[];
  guards: readonly GuardAttachment[];
  /** `status.usageDay` and `status.tokensUsedToday` as stored (to reset the day on read). */
  status: Record<string, unknown>;
}

/** An AccessKey as the gateway uses it. */
export interface AccessKeyConfig {
  namespace: string;
  name: string;
  modelProviders: readonly string[];
  agent: string | undefined;
  allowedModels: readonly string[];
  allowedCidrs: BlockList | undefined;
  maxTokensPerDay: number | undefined;
  maxRequestsPerMinute: number | undefined;
  /** Epoch ms, or undefined for never. */
  expiresAt: number | undefined;
  status: Record<string, unknown>;
}

/** The parts of an Agent the gateway enforces for keys bound to it. */
export interface AgentConfig {
  namespace: string;
  name: string;
  models: readonly string[];
  maxTokensPerDay: number | undefined;
  maxTokensPerRequest: number | undefined;
  maxRequestsPerMinute: number | undefined;
  maxConcurrentRequests: number | undefined;
  guards: readonly GuardAttachment[];
}

/** A GuardBinding as the gateway calls it. */
export interface GuardConfig {
  namespace: string;
  name: string;
  endpoint: string;
  injectionThreshold: number;
  auth: GuardBindingSpec['classifier']['auth'];
}

/** Everything the gateway reads from the store, as of one store version. */
export interface GatewaySnapshot {
  /** The store's resourceVersion the snapshot was read at. */
  version: string;
  providers: ReadonlyMap<string, ProviderConfig>;
  accessKeys: ReadonlyMap<string, AccessKeyConfig>;
  agents: ReadonlyMap<string, AgentConfig>;
  guards: ReadonlyMap<string, GuardConfig>;
}

/** The stored documents of the four kinds the gateway uses. */
export interface SnapshotDocuments {
  version: string;
  ModelProvider: ResourceDocument[];
  AccessKey: ResourceDocument[];
  Agent: ResourceDocument[];
  GuardBinding: ResourceDocument[];
}

/** Builds the snapshot from stored documents (pure: the store read happens in ConfigCache). */
export function buildSnapshot(docs: SnapshotDocuments): GatewaySnapshot {
  const index = <T>(items: ResourceDocument[], make: (doc: ResourceDocument) => T): Map<string, T> =>
    new Map(items.map((d) => [refKey(d.metadata.namespace, d.metadata.name), make(withDefaults(d))]));
  return {
    version: docs.version,
    providers: index(docs.ModelProvider, providerConfig),
    accessKeys: index(docs.AccessKey, accessKeyConfig),
    agents: index(docs.Agent, agentConfig),
    guards: index(docs.GuardBinding, guardConfig),
  };
}

function withDefaults(doc: ResourceDocument): ResourceDocument {
  return applyDefaults(doc);
}

function providerConfig(doc: ResourceDocument): ProviderConfig {
  const spec = doc.spec as unknown as ModelProviderSpec;
  const endpoint = spec.endpoint?.trim() || (Object.hasOwn(DEFAULT_ENDPOINTS, spec.provider) ? DEFAULT_ENDPOINTS[spec.provider as keyof typeof DEFAULT_ENDPOINTS] : undefined);
  return {
    namespace: doc.metadata.namespace,
    name: doc.metadata.name,
    kind: spec.provider,
    baseUrl: endpoint?.replace(/\/+$/, ''),
    apiVersion: spec.apiVersion,
    apiKeySecret: spec.apiKeySecretRef ? { name: spec.apiKeySecretRef.name, key: spec.apiKeySecretRef.key ?? 'api-key' } : undefined,
    allowedModels: spec.allowedModels ?? [],
    deniedModels: new Set(spec.deniedModels ?? []),
    maxTokensPerDay: spec.maxTokensPerDay,
    maxTokensPerRequest: spec.maxTokensPerRequest,
    externalEnabled: spec.externalAccess?.enabled === true,
    externalMaxTokensPerDay: spec.externalAccess?.maxTokensPerDay,
    retry: {
      maxAttempts: spec.retry?.maxAttempts ?? 3,
      initialBackoffMs: spec.retry?.initialBackoffMs ?? 200,
      maxBackoffMs: spec.retry?.maxBackoffMs ?? 5000,
    },
    timeouts: { ...DEFAULT_CALL_TIMEOUTS, ...spec.timeouts },
    fallbacks: spec.fallbacks ?? [],
    guards: spec.guards ?? [],
    status: doc.status ?? {},
  };
}

function accessKeyConfig(doc: ResourceDocument): AccessKeyConfig {
  const spec = doc.spec as unknown as AccessKeySpec;
  const expires = spec.expiresAt ? Date.parse(spec.expiresAt) : Number.NaN;
  return {
    namespace: doc.metadata.namespace,
    name: doc.metadata.name,
    modelProviders: spec.modelProviders ?? [],
    agent: spec.agent,
    allowedModels: spec.allowedModels ?? [],
    allowedCidrs: compileCidrs(spec.allowedCIDRs),
    maxTokensPerDay: spec.maxTokensPerDay,
    maxRequestsPerMinute: spec.maxRequestsPerMinute,
    expiresAt: Number.isNaN(expires) ? undefined : expires,
    status: doc.status ?? {},
  };
}

function agentConfig(doc: ResourceDocument): AgentConfig {
  const spec = (doc.spec ?? {}) as unknown as AgentSpec;
  return {
    namespace: doc.metadata.namespace,
    name: doc.metadata.name,
    models: spec.models ?? [],
    maxTokensPerDay: spec.tokens?.maxPerDay,
    maxTokensPerRequest: spec.tokens?.maxPerRequest,
    maxRequestsPerMinute: spec.rateLimits?.maxRequestsPerMinute,
    maxConcurrentRequests: spec.rateLimits?.maxConcurrentRequests,
    guards: spec.guards ?? [],
  };
}

function guardConfig(doc: ResourceDocument): GuardConfig {
  const spec = doc.spec as unknown as GuardBindingSpec;
  return {
    namespace: doc.metadata.namespace,
    name: doc.metadata.name,
    endpoint: spec.classifier.endpoint,
    injectionThreshold: spec.thresholds?.injection ?? 0.9,
    auth: spec.classifier.auth,
  };
}
