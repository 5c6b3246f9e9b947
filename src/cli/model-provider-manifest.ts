import type { BatchOperation, Manifest } from '../api/wire.js';
import { API_VERSION } from '../api/kinds.js';
import { registerSensitive } from './sensitive.js';
import { UserError } from '../lib/user-error.js';

/** The provider enum of ModelProvider.spec.provider (the Pai documentation). */
export const MODEL_PROVIDER_TYPES = ['anthropic', 'openai', 'gemini', 'openrouter', 'azure-openai', 'vllm'] as const;

/** What `pai create model-provider` was given, flags already parsed. */
export interface ModelProviderInput {
  name: string;
  namespace: string;
  provider: string;
  endpoint?: string;
  apiVersion?: string;
  allowedModels?: string;
  deniedModels?: string;
  maxTokensPerDay?: number;
  maxTokensPerRequest?: number;
  /** The key itself (already read from the flag, stdin or PAI_API_KEY). */
  apiKey?: string;
  /** `NAME:KEY` of an existing Secret. */
  apiKeySecret?: string;
}

/** The key `pai create model-provider --api-key` stores the API key under. */
export const API_KEY_SECRET_KEY = 'api-key';

/** The Secret `pai create model-provider NAME --api-key` creates: `<name>-api-key`. */
export function apiKeySecretName(providerName: string): string {
  return `${providerName}-api-key`;
}

/**
 * The writes of `pai create model-provider`: with an API key, ONE batch that creates the Secret
 * `<name>-api-key` (key `api-key`) and the ModelProvider pointing at it — all or nothing, so a
 * failure never leaves a Secret without its provider. Without a key, just the ModelProvider.
 */
export function buildModelProviderOperations(input: ModelProviderInput): BatchOperation[] {
  if (input.apiKey !== undefined && input.apiKeySecret !== undefined) {
    throw new UserError('--api-key and --api-key-secret cannot be combined', 'either store a new key (--api-key) or reference an existing Secret (--api-key-secret NAME:KEY)');
  }
  registerSensitive(input.apiKey);
  if (input.apiKey !== undefined && input.apiKey.trim() === '') throw new UserError('the API key is empty', 'pass the key with --api-key - (stdin) or PAI_API_KEY');

  const spec: Record<string, unknown> = { provider: input.provider };
  if (input.endpoint) spec.endpoint = input.endpoint;
  if (input.apiVersion) spec.apiVersion = input.apiVersion;
  const operations: BatchOperation[] = [];
  if (input.apiKey !== undefined) {
    const secretName = apiKeySecretName(input.name);
    operations.push({
      op: 'create',
      resource: { apiVersion: API_VERSION, kind: 'Secret', metadata: { name: secretName, namespace: input.namespace }, spec: { stringData: { [API_KEY_SECRET_KEY]: input.apiKey } } },
    });
    spec.apiKeySecretRef = { name: secretName, key: API_KEY_SECRET_KEY };
  } else if (input.apiKeySecret !== undefined) {
    spec.apiKeySecretRef = parseSecretRef(input.apiKeySecret);
  } else if (input.provider !== 'vllm') {
    throw new UserError(
      `provider ${input.provider} needs an API key`,
      'pass --api-key - and pipe the key in, set PAI_API_KEY, or reference an existing Secret with --api-key-secret NAME:KEY',
    );
  }
  const allowed = commaList(input.allowedModels);
  const denied = commaList(input.deniedModels);
  if (allowed) spec.allowedModels = allowed;
  if (denied) spec.deniedModels = denied;
  if (input.maxTokensPerDay !== undefined) spec.maxTokensPerDay = input.maxTokensPerDay;
  if (input.maxTokensPerRequest !== undefined) spec.maxTokensPerRequest = input.maxTokensPerRequest;
  const provider: Manifest = { apiVersion: API_VERSION, kind: 'ModelProvider', metadata: { name: input.name, namespace: input.namespace }, spec };
  operations.push({ op: 'create', resource: provider });
  return operations;
}

/** `"a, b,,c"` → `["a","b","c"]` (duplicates dropped); undefined for no value. */
export function commaList(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  const items = [...new Set(text.split(',').map((s) => s.trim()).filter(Boolean))];
  return items.length ? items : undefined;
}

function parseSecretRef(text: string): { name: string; key: string } {
  const [name, key, ...rest] = text.split(':');
  if (!name || !key || rest.length > 0) throw new UserError(`--api-key-secret expects NAME:KEY, got ${JSON.stringify(text)}`, 'e.g. --api-key-secret nvidia-key:api-key');
  return { name, key };
}
