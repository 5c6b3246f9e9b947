import { loadCatalog } from '../../../compiler/catalog/catalog.js';
import { catalogProviderFor } from '../../../compiler/catalog/endpoints.js';
import { refusal } from './access-policy.js';
import { parseModelRef } from '../../../api/model-ref.js';
import { DEFAULT_MODEL } from './route-plan.js';
import { refKey, type AccessKeyConfig, type GatewaySnapshot, type ProviderConfig } from './snapshot.js';

/**
 * The models an AccessKey may call, as `<provider>/<model-id>` (what `GET /ext/v1/models`
 * answers): for each provider bound to the key and open to external traffic, the models its
 * allowedModels list (or, when it lists none, the key's allowedModels, or the shipped catalogue
 * of a native provider), minus what the provider denies or the key does not allow. A key bound
 * to an Agent also lists `default`.
 */
export function listModels(snapshot: GatewaySnapshot, key: AccessKeyConfig): string[] {
  const agent = key.agent ? snapshot.agents.get(refKey(key.namespace, key.agent)) : undefined;
  const agentRefs = agent ? new Set(agent.models.flatMap((ref) => [ref, ...fallbacksOf(snapshot, key, ref)])) : undefined;
  const providerNames = new Set([...key.modelProviders, ...[...(agentRefs ?? [])].map((r) => parseModelRef(r)?.provider ?? '')]);
  const out: string[] = agent && agent.models.length > 0 ? [DEFAULT_MODEL] : [];
  for (const name of providerNames) {
    const provider = snapshot.providers.get(refKey(key.namespace, name));
    if (!provider || !provider.externalEnabled) continue;
    for (const model of candidateModels(provider, key, agentRefs)) {
      if (!refusal(key, agentRefs, provider, model, 'openai')) out.push(`${name}/${model}`);
    }
  }
  return [...new Set(out)];
}

function candidateModels(provider: ProviderConfig, key: AccessKeyConfig, agentRefs: ReadonlySet<string> | undefined): string[] {
  const own = (refs: Iterable<string>) =>
    [...refs].flatMap((r) => {
      const parsed = parseModelRef(r);
      return parsed && parsed.provider === provider.name ? [parsed.model] : [];
    });
  const fromAgent = agentRefs ? own(agentRefs) : [];
  if (provider.allowedModels.length > 0) return [...fromAgent, ...provider.allowedModels];
  if (key.allowedModels.length > 0) return [...fromAgent, ...key.allowedModels.map((m) => (m.startsWith(provider.name + '/') ? m.slice(provider.name.length + 1) : m))];
  if (fromAgent.length > 0) return fromAgent;
  const catalog = catalogProviderFor({ provider: provider.kind, ...(provider.baseUrl ? { endpoint: provider.baseUrl } : {}) });
  try {
    return catalog ? loadCatalog(catalog).ids() : [];
  } catch {
    return [];
  }
}

function fallbacksOf(snapshot: GatewaySnapshot, key: AccessKeyConfig, ref: string): readonly string[] {
  const parsed = parseModelRef(ref);
  return (parsed && snapshot.providers.get(refKey(key.namespace, parsed.provider))?.fallbacks) ?? [];
}
