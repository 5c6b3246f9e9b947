/** One valid manifest per kind (spec only), for CRUD tests of every kind. */
export const SAMPLE_SPECS: Record<string, { plural: string; spec: Record<string, unknown>; changed: Record<string, unknown> }> = {
  Secret: { plural: 'secrets', spec: { stringData: { 'api-key': 'first-value' } }, changed: { stringData: { 'api-key': 'second-value' } } },
  GuardBinding: {
    plural: 'guardbindings',
    spec: { classifier: { type: 'promptGuard', endpoint: 'https://guard.example.com/classify' }, thresholds: { injection: 0.9 } },
    changed: { classifier: { type: 'promptGuard', endpoint: 'https://guard.example.com/classify' }, thresholds: { injection: 0.8 } },
  },
  ModelProvider: {
    plural: 'modelproviders',
    spec: { provider: 'anthropic', apiKeySecretRef: { name: 'anthropic-key', key: 'api-key' }, maxTokensPerDay: 5000000 },
    changed: { provider: 'anthropic', apiKeySecretRef: { name: 'anthropic-key', key: 'api-key' }, maxTokensPerDay: 6000000 },
  },
  Provider: {
    plural: 'providers',
    spec: { type: 'github', auth: { type: 'pat', secretRef: 'github-pat', secretKey: 'token' } },
    changed: { type: 'github', auth: { type: 'pat', secretRef: 'github-pat', secretKey: 'token' }, policy: { allow: ['*'] } },
  },
  Agent: {
    plural: 'agents',
    spec: { harness: 'default', models: ['anthropic/claude-sonnet-4-6'] },
    changed: { harness: 'default', models: ['anthropic/claude-haiku-4-5'] },
  },
  AccessKey: {
    plural: 'accesskeys',
    spec: { description: 'laptop', modelProviders: ['nvidia'] },
    changed: { description: 'desktop', modelProviders: ['nvidia'] },
  },
};

/** A manifest of `kind` named `name`. */
export function manifest(kind: string, name: string, spec: Record<string, unknown>, namespace?: string): Record<string, unknown> {
  return { apiVersion: 'pai.io/v1', kind, metadata: { name, ...(namespace ? { namespace } : {}) }, spec };
}

/** A ModelProvider manifest (the kind most tests use). */
export function modelProvider(name: string, namespace?: string, maxTokensPerDay = 1000): Record<string, unknown> {
  return manifest('ModelProvider', name, { provider: 'anthropic', apiKeySecretRef: { name: 'anthropic-key', key: 'api-key' }, maxTokensPerDay }, namespace);
}

/**
 * What the sample manifests name, so that the server admits them (it refuses references to what
 * does not exist): the Secrets `anthropic-key` and `github-pat`, the ModelProvider `anthropic`,
 * and `nvidia` open to AccessKeys. Upserts in one batch: safe to call again.
 */
export const DEPENDENCIES: Record<string, unknown>[] = [
  manifest('Secret', 'anthropic-key', { stringData: { 'api-key': 'test-anthropic-value' } }),
  manifest('Secret', 'github-pat', { stringData: { token: 'test-github-value' } }),
  manifest('ModelProvider', 'anthropic', { provider: 'anthropic', apiKeySecretRef: { name: 'anthropic-key', key: 'api-key' } }),
  manifest('ModelProvider', 'nvidia', { provider: 'anthropic', apiKeySecretRef: { name: 'anthropic-key', key: 'api-key' }, externalAccess: { enabled: true } }),
];

export async function seedDependencies(api: { post: (path: string, body: unknown) => Promise<{ status: number; text: string }> }, namespace: string): Promise<void> {
  const operations = DEPENDENCIES.map((m) => ({ op: 'put', resource: { ...m, metadata: { ...(m.metadata as object), namespace } } }));
  const res = await api.post('/v1/batch', { operations });
  if (res.status !== 200) throw new Error(`seeding ${namespace} failed: ${res.text}`);
}
