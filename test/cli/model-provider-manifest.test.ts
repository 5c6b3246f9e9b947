import { afterEach, describe, expect, it } from 'vitest';
import { buildModelProviderOperations, commaList } from '../../src/cli/model-provider-manifest.js';
import { clearSensitive, redact } from '../../src/cli/sensitive.js';

afterEach(() => clearSensitive());

describe('buildModelProviderOperations', () => {
  it('with --api-key: a Secret <name>-api-key and the ModelProvider pointing at it, in that order', () => {
    const ops = buildModelProviderOperations({
      name: 'nvidia',
      namespace: 'default',
      provider: 'openai',
      endpoint: 'https://integrate.api.nvidia.com/v1',
      allowedModels: 'z-ai/glm4.7, meta/llama-3.1-70b-instruct,,z-ai/glm4.7',
      maxTokensPerDay: 5000000,
      apiKey: 'nvapi-CANARY',
    });
    expect(ops).toEqual([
      { op: 'create', resource: { apiVersion: 'pai.io/v1', kind: 'Secret', metadata: { name: 'nvidia-api-key', namespace: 'default' }, spec: { stringData: { 'api-key': 'nvapi-CANARY' } } } },
      {
        op: 'create',
        resource: {
          apiVersion: 'pai.io/v1',
          kind: 'ModelProvider',
          metadata: { name: 'nvidia', namespace: 'default' },
          spec: {
            provider: 'openai',
            endpoint: 'https://integrate.api.nvidia.com/v1',
            apiKeySecretRef: { name: 'nvidia-api-key', key: 'api-key' },
            allowedModels: ['z-ai/glm4.7', 'meta/llama-3.1-70b-instruct'],
            maxTokensPerDay: 5000000,
          },
        },
      },
    ]);
    expect(redact('x nvapi-CANARY y')).toBe('x (secret) y');
  });

  it('with --api-key-secret: only the ModelProvider, referencing it', () => {
    const ops = buildModelProviderOperations({ name: 'a', namespace: 'team-a', provider: 'anthropic', apiKeySecret: 'anthropic-key:api-key', deniedModels: 'claude-opus-4-6', maxTokensPerRequest: 200000, apiVersion: 'v' });
    expect(ops).toEqual([
      {
        op: 'create',
        resource: {
          apiVersion: 'pai.io/v1',
          kind: 'ModelProvider',
          metadata: { name: 'a', namespace: 'team-a' },
          spec: { provider: 'anthropic', apiVersion: 'v', apiKeySecretRef: { name: 'anthropic-key', key: 'api-key' }, deniedModels: ['claude-opus-4-6'], maxTokensPerRequest: 200000 },
        },
      },
    ]);
  });

  it('vllm needs no key', () => expect(buildModelProviderOperations({ name: 'v', namespace: 'default', provider: 'vllm', endpoint: 'http://vllm:8000/v1' })).toHaveLength(1));

  const refused: Array<[string, Parameters<typeof buildModelProviderOperations>[0], RegExp]> = [
    ['no key for a vendor that needs one', { name: 'a', namespace: 'default', provider: 'openai' }, /needs an API key/],
    ['both a key and a secret reference', { name: 'a', namespace: 'default', provider: 'openai', apiKey: 'k', apiKeySecret: 's:k' }, /cannot be combined/],
    ['a malformed secret reference', { name: 'a', namespace: 'default', provider: 'openai', apiKeySecret: 'just-a-name' }, /NAME:KEY/],
    ['an empty key', { name: 'a', namespace: 'default', provider: 'openai', apiKey: '  ' }, /empty/],
  ];
  for (const [title, input, message] of refused) it(`refuses ${title}`, () => expect(() => buildModelProviderOperations(input)).toThrow(message));
});

describe('commaList', () => {
  it('trims, drops empties and duplicates', () => expect(commaList(' a, b,,a ')).toEqual(['a', 'b']));
  it('is undefined for nothing', () => expect(commaList(' , ')).toBeUndefined());
});
