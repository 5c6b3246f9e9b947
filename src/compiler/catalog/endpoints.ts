import type { CatalogProvider } from './catalog-file.js';

/** The native provider kinds of a ModelProvider, each with a documented default endpoint. */
export type NativeProvider = 'anthropic' | 'openai' | 'gemini' | 'openrouter';

/**
 * The endpoint a native ModelProvider talks to when `spec.endpoint` is empty. A ModelProvider
 * that names one of these explicitly is the same upstream, so it gets the same catalogue.
 */
export const DEFAULT_ENDPOINTS: Readonly<Record<NativeProvider, string>> = {
  anthropic: 'https://api.anthropic.com',
  openai: 'https://api.openai.com/v1',
  gemini: 'https://generativelanguage.googleapis.com/v1beta',
  openrouter: 'https://openrouter.ai/api/v1',
};

/** NVIDIA NIM is reached as `provider: openai` with this endpoint. */
export const NVIDIA_NIM_ENDPOINT = 'https://integrate.api.nvidia.com/v1';

/** The base URL each catalogue is refreshed from (before the `/models` path). */
export const CATALOG_BASE_URLS: Readonly<Record<CatalogProvider, string>> = { ...DEFAULT_ENDPOINTS, nvidia: NVIDIA_NIM_ENDPOINT };

/**
 * Which upstream catalogue applies to a ModelProvider spec: a native provider on its default
 * endpoint (or none given) gets its own; `openai` on the NIM endpoint gets `nvidia`; anything
 * else (a proxy, Azure, vLLM, a self-hosted gateway) has no catalogue we can know offline.
 */
export function catalogProviderFor(spec: { provider: string; endpoint?: string }): CatalogProvider | undefined {
  const endpoint = normalize(spec.endpoint);
  if (spec.provider === 'openai' && endpoint === NVIDIA_NIM_ENDPOINT) return 'nvidia';
  if (!isNative(spec.provider)) return undefined;
  if (endpoint === '' || endpoint === DEFAULT_ENDPOINTS[spec.provider]) return spec.provider;
  return undefined;
}

function isNative(provider: string): provider is NativeProvider {
  return Object.hasOwn(DEFAULT_ENDPOINTS, provider);
}

/** Trailing slashes and the case of the scheme and host do not change the endpoint. */
function normalize(endpoint: string | undefined): string {
  const trimmed = (endpoint ?? '').trim().replace(/\/+$/, '');
  if (trimmed === '') return '';
  const m = /^([a-z][a-z0-9+.-]*:\/\/[^/]+)(.*)$/i.exec(trimmed);
  return m ? m[1]!.toLowerCase() + m[2]! : trimmed;
}
