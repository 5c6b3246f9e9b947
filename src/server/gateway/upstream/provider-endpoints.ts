import type { ProviderConfig } from '../config/snapshot.js';
import { GatewayError } from '../errors.js';

/** Where and how to send one upstream call: origin (for the pool), path with query, headers. */
export interface UpstreamTarget {
  origin: string;
  path: string;
  headers: Record<string, string>;
}

/** Which upstream API a gateway route calls. */
export type UpstreamApi = 'chat' | 'messages' | 'count_tokens';

/** Anthropic requires a version header; this one is what its SDKs send today. */
const ANTHROPIC_VERSION = '2023-06-01';

/**
 * The upstream URL and credential headers of a call, by provider kind. The vendor key is added
 * here and nowhere else; it is never logged or sent back. OpenAI-compatible hosts (openai,
 * openrouter, vllm) take `<base>/chat/completions`; Azure a deployment URL with `api-version`;
 * Gemini its OpenAI-compatible `<base>/openai/chat/completions`; Anthropic `<base>/v1/messages`
 * (and its OpenAI-compatible `<base>/v1/chat/completions`).
 */
export function upstreamTarget(provider: ProviderConfig, model: string, api: UpstreamApi, apiKey: string | undefined, clientHeaders: Record<string, string | string[] | undefined>): UpstreamTarget {
  if (!provider.baseUrl) {
    throw new GatewayError('unsupported_provider', `ModelProvider ${provider.name} (${provider.kind}) has no endpoint; set spec.endpoint`);
  }
  const url = new URL(provider.baseUrl);
  const base = url.pathname.replace(/\/+$/, '');
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  let path: string;
  switch (provider.kind) {
    case 'anthropic': {
      path = api === 'chat' ? `${base}/v1/chat/completions` : api === 'messages' ? `${base}/v1/messages` : `${base}/v1/messages/count_tokens`;
      if (apiKey) headers['x-api-key'] = apiKey;
      if (apiKey && api === 'chat') headers.authorization = `Bearer ${apiKey}`;
      headers['anthropic-version'] = first(clientHeaders['anthropic-version']) ?? ANTHROPIC_VERSION;
      const beta = first(clientHeaders['anthropic-beta']);
      if (beta) headers['anthropic-beta'] = beta;
      break;
    }
    case 'azure-openai': {
      path = `${base}/openai/deployments/${encodeURIComponent(model)}/chat/completions?api-version=${encodeURIComponent(provider.apiVersion ?? '')}`;
      if (apiKey) headers['api-key'] = apiKey;
      break;
    }
    case 'gemini':
      path = `${base}/openai/chat/completions`;
      if (apiKey) headers.authorization = `Bearer ${apiKey}`;
      break;
    default:
      path = `${base}/chat/completions`;
      if (apiKey) headers.authorization = `Bearer ${apiKey}`;
  }
  if (api !== 'chat' && provider.kind !== 'anthropic') {
    throw new GatewayError('unsupported_provider', `the Messages API is for anthropic providers; ModelProvider ${provider.name} is ${provider.kind}`);
  }
  return { origin: url.origin, path, headers };
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
