import { describe, expect, it } from 'vitest';
import { catalogProviderFor, DEFAULT_ENDPOINTS, NVIDIA_NIM_ENDPOINT } from '../../../src/compiler/catalog/catalog.js';

describe('catalogProviderFor', () => {
  const cases: Array<[string, { provider: string; endpoint?: string }, string | undefined]> = [
    ['anthropic with no endpoint', { provider: 'anthropic' }, 'anthropic'],
    ['openai with an empty endpoint', { provider: 'openai', endpoint: '' }, 'openai'],
    ['gemini on its default endpoint', { provider: 'gemini', endpoint: DEFAULT_ENDPOINTS.gemini }, 'gemini'],
    ['openrouter on its default endpoint with a trailing slash', { provider: 'openrouter', endpoint: 'https://openrouter.ai/api/v1/' }, 'openrouter'],
    ['anthropic on its default endpoint', { provider: 'anthropic', endpoint: 'https://api.anthropic.com' }, 'anthropic'],
    ['openai on the NIM endpoint is nvidia', { provider: 'openai', endpoint: NVIDIA_NIM_ENDPOINT }, 'nvidia'],
    ['NIM with a trailing slash', { provider: 'openai', endpoint: 'https://integrate.api.nvidia.com/v1/' }, 'nvidia'],
    ['NIM with an upper-case host', { provider: 'openai', endpoint: 'https://Integrate.API.nvidia.com/v1' }, 'nvidia'],
    ['openai on a custom endpoint has no catalogue', { provider: 'openai', endpoint: 'https://llm.internal.example/v1' }, undefined],
    ['anthropic behind a proxy has no catalogue', { provider: 'anthropic', endpoint: 'https://proxy.example/anthropic' }, undefined],
    ['the NIM endpoint under another provider kind', { provider: 'vllm', endpoint: NVIDIA_NIM_ENDPOINT }, undefined],
    ['vllm', { provider: 'vllm', endpoint: 'http://10.0.0.5:8000/v1' }, undefined],
    ['azure-openai', { provider: 'azure-openai', endpoint: 'https://x.openai.azure.com' }, undefined],
    ['an unknown provider kind', { provider: 'mistral' }, undefined],
    ['a prototype key is not a provider', { provider: 'constructor' }, undefined],
  ];
  it.each(cases)('%s', (_name, spec, expected) => {
    expect(catalogProviderFor(spec)).toBe(expected);
  });
});
