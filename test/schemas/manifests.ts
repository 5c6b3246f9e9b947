/**
 * Manifests shared by the schema tests: the two examples of the Pai documentation
 * (/work/shared/pai-reference.md §1 and §2.2) written as YAML exactly as the docs show them, and a
 * minimal valid manifest per kind for table tests to mutate.
 */
import { parse } from 'yaml';

/** The `nim` ModelProvider of the reference (§1). */
export const NIM_YAML = `
apiVersion: pai.io/v1
kind: ModelProvider
metadata: {name: nim}
spec:
  provider: openai                      # OpenAI-compatible host
  endpoint: https://integrate.api.nvidia.com/v1
  apiKeySecretRef: {name: nim-key, key: api-key}
  allowedModels: [meta/llama-3.1-70b-instruct]
  maxTokensPerDay: 5000000
  externalAccess: {enabled: true, maxTokensPerDay: 1000000}
`;

/** The `reviewer` Agent of the reference (§2.2). */
export const REVIEWER_YAML = `
apiVersion: pai.io/v1
kind: Agent
metadata: {name: reviewer, namespace: team-a}
spec:
  harness: default
  models: [anthropic/claude-sonnet-4-6, google/gemini-2.5-flash]
  providers: [github-writer]
  triggers: [{webhook: {}}]
  tokens: {maxPerDay: 1000000, maxPerRequest: 16000}
  rateLimits: {maxRequestsPerMinute: 60, maxConcurrentRequests: 4, maxCostPerDayUSD: 20.0}
  system: |
    Review the pull request described in the task.
`;

export type Doc = Record<string, any>;

export const nim = (): Doc => parse(NIM_YAML) as Doc;
export const reviewer = (): Doc => parse(REVIEWER_YAML) as Doc;

/** The smallest valid manifest of each kind. */
export function minimal(kind: string): Doc {
  const base = { apiVersion: 'pai.io/v1', kind, metadata: { name: 'example' } };
  switch (kind) {
    case 'ModelProvider':
      return { ...base, spec: { provider: 'anthropic', apiKeySecretRef: { name: 'anthropic-key' } } };
    case 'Agent':
      return { ...base, spec: {} };
    case 'Provider':
      return { ...base, spec: { type: 'github' } };
    case 'GuardBinding':
      return { ...base, spec: { classifier: { endpoint: 'https://guard.example.com/classify' } } };
    case 'Secret':
      return { ...base, spec: {} };
    case 'AccessKey':
      return { ...base, spec: { modelProviders: ['nim'] } };
    default:
      throw new Error(`no minimal manifest for ${kind}`);
  }
}

/** A copy of `doc` with `value` set at a dotted path (`spec.retry.maxAttempts`, `spec.env.0.name`). */
export function withValue(doc: Doc, dotted: string, value: unknown): Doc {
  const copy = structuredClone(doc);
  const keys = dotted.split('.');
  let node: any = copy;
  keys.slice(0, -1).forEach((key, i) => {
    if (node[key] === undefined) node[key] = /^\d+$/.test(keys[i + 1]!) ? [] : {};
    node = node[key];
  });
  const last = keys[keys.length - 1]!;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}
