import type { Resource } from '../../../../src/api/wire.js';

/** Resources as the server returns them, for renderer tests. `NOW` is 5 s after nvidia was created. */
export const NOW = new Date('2026-11-25T21:00:05.000Z');

export function resource(kind: string, name: string, spec: Record<string, unknown>, extra: { namespace?: string; created?: string; status?: Record<string, unknown>; annotations?: Record<string, string> } = {}): Resource {
  return {
    apiVersion: 'pai.io/v1',
    kind,
    metadata: {
      name,
      namespace: extra.namespace ?? 'default',
      ...(extra.annotations ? { annotations: extra.annotations } : {}),
      uid: '6f1c2d3e-0000-4000-8000-000000000001',
      resourceVersion: '42',
      generation: 1,
      creationTimestamp: extra.created ?? '2026-11-25T21:00:00.000Z',
    },
    spec,
    ...(extra.status ? { status: extra.status } : {}),
  };
}

export const nvidia = resource(
  'ModelProvider',
  'nvidia',
  {
    provider: 'openai',
    endpoint: 'https://integrate.api.nvidia.com/v1',
    apiKeySecretRef: { name: 'nvidia-api-key', key: 'api-key' },
    allowedModels: ['z-ai/glm4.7', 'meta/llama-3.1-70b-instruct'],
  },
  { status: { lastUsed: null, tokensUsedToday: 0 } },
);

export const anthropic = resource(
  'ModelProvider',
  'anthropic',
  { provider: 'anthropic', apiKeySecretRef: { name: 'anthropic-key', key: 'api-key' }, maxTokensPerDay: 5000000, externalAccess: { enabled: true, maxTokensPerDay: 1000000 } },
  { namespace: 'team-a', created: '2026-11-21T20:00:00.000Z', status: { lastUsed: '2026-11-25T20:57:05.000Z', tokensUsedToday: 1234567 } },
);

export const secret = resource('Secret', 'anthropic-key', {}, {
  created: '2026-11-25T18:00:00.000Z',
  status: {
    salt: '00ff',
    keys: [
      { name: 'api-key', fingerprint: 'sha256:1111111111111111111111111111111111111111111111111111111111111111' },
      { name: 'org-id', fingerprint: 'sha256:2222222222222222222222222222222222222222222222222222222222222222' },
    ],
  },
});

export const agent = resource('Agent', 'reviewer', { harness: 'claude', models: ['anthropic/claude-sonnet-4-6', 'google/gemini-2.5-flash'], system: 'Review the pull request.\nBe brief.\n' }, { created: '2026-11-25T20:57:00.000Z' });
