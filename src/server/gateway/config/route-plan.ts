import { GatewayError, type Dialect } from '../errors.js';
import { refusal } from './access-policy.js';
import { parseModelRef } from '../../../api/model-ref.js';
import { refKey, type AccessKeyConfig, type AgentConfig, type GatewaySnapshot, type ProviderConfig } from './snapshot.js';

/** One model the gateway may send a request to: the provider, and the model id upstream. */
export interface Candidate {
  provider: ProviderConfig;
  model: string;
  /** `<provider>/<model>`: what responses and audit lines name. */
  ref: string;
}

/** Where one request may go, in order: the model asked for, then its fallbacks. */
export interface RoutePlan {
  agent: AgentConfig | undefined;
  candidates: readonly Candidate[];
}

/** The model name an Agent-bound key may send for the Agent's primary model. */
export const DEFAULT_MODEL = 'default';

const memo = new WeakMap<GatewaySnapshot, Map<string, RoutePlan | GatewayError>>();
const MEMO_LIMIT = 10_000;

/**
 * Resolves the requested model for an AccessKey into the ordered candidates, or throws the
 * refusal (404 unknown model, 403 not allowed). Resolution, per snapshot and memoised:
 * - `default` (keys bound to an Agent): the Agent's models in order, each followed by its
 *   provider's `fallbacks`;
 * - `<provider>/<model-id>` (split on the first `/`): that model, then the provider's fallbacks,
 *   then (Agent keys) the Agent's other models;
 * - a bare model id (what Claude Code sends): the first provider bound to the key that allows it.
 * The model asked for must be allowed; a fallback that is not allowed for this key is skipped.
 */
export function planRoute(snapshot: GatewaySnapshot, key: AccessKeyConfig, requested: string, dialect: Dialect): RoutePlan {
  let plans = memo.get(snapshot);
  if (!plans) memo.set(snapshot, (plans = new Map()));
  const id = `${key.namespace}/${key.name}\u0000${dialect}\u0000${requested}`;
  let plan = plans.get(id);
  if (!plan) {
    try {
      plan = resolve(snapshot, key, requested, dialect);
    } catch (err) {
      if (!(err instanceof GatewayError)) throw err;
      plan = err;
    }
    if (plans.size >= MEMO_LIMIT) plans.clear();
    plans.set(id, plan);
  }
  if (plan instanceof GatewayError) throw plan;
  return plan;
}

function resolve(snapshot: GatewaySnapshot, key: AccessKeyConfig, requested: string, dialect: Dialect): RoutePlan {
  const agent = key.agent ? snapshot.agents.get(refKey(key.namespace, key.agent)) : undefined;
  if (key.agent && !agent) throw new GatewayError('model_not_found', `Agent ${key.agent}, which AccessKey ${key.name} is bound to, does not exist`, { param: 'model' });
  const providerOf = (name: string) => snapshot.providers.get(refKey(key.namespace, name));
  const withFallbacks = (ref: string): string[] => {
    const parsed = parseModelRef(ref);
    const provider = parsed && providerOf(parsed.provider);
    return [ref, ...(provider?.fallbacks ?? [])];
  };
  const agentRefs = agent ? new Set(agent.models.flatMap(withFallbacks)) : undefined;

  let chain: string[];
  if (requested === DEFAULT_MODEL) {
    if (!agent || agent.models.length === 0) {
      throw new GatewayError('model_not_found', `the model "default" needs an AccessKey bound to an Agent with models; name a model as <provider>/<model-id>`, { param: 'model' });
    }
    chain = agent.models.flatMap(withFallbacks);
  } else {
    const primary = primaryRef(snapshot, key, agentRefs, requested, dialect);
    chain = [...withFallbacks(primary), ...(agent ? agent.models.filter((m) => m !== primary).flatMap(withFallbacks) : [])];
  }

  const candidates: Candidate[] = [];
  const seen = new Set<string>();
  for (const [i, ref] of chain.entries()) {
    if (seen.has(ref)) continue;
    seen.add(ref);
    const parsed = parseModelRef(ref);
    const provider = parsed && providerOf(parsed.provider);
    const refused = provider
      ? refusal(key, agentRefs, provider, parsed.model, dialect)
      : new GatewayError('model_not_found', `model "${ref}": there is no ModelProvider ${parsed?.provider ?? ref} in namespace ${key.namespace}`, { param: 'model' });
    if (refused) {
      if (i === 0) throw refused;
      continue;
    }
    candidates.push({ provider: provider!, model: parsed!.model, ref });
  }
  return { agent, candidates };
}

/** The full reference of the model asked for: as given when its prefix names a provider, else
 * the first provider bound to the key that allows the bare id. */
function primaryRef(snapshot: GatewaySnapshot, key: AccessKeyConfig, agentRefs: ReadonlySet<string> | undefined, requested: string, dialect: Dialect): string {
  const parsed = parseModelRef(requested);
  if (parsed && snapshot.providers.has(refKey(key.namespace, parsed.provider))) return requested;
  const bound = [...key.modelProviders, ...[...(agentRefs ?? [])].map((r) => parseModelRef(r)?.provider ?? '')];
  for (const name of new Set(bound)) {
    const provider = snapshot.providers.get(refKey(key.namespace, name));
    if (provider && !refusal(key, agentRefs, provider, requested, dialect)) return `${name}/${requested}`;
  }
  if (parsed) throw new GatewayError('model_not_found', `model "${requested}": there is no ModelProvider ${parsed.provider} in namespace ${key.namespace}, and no provider bound to AccessKey ${key.name} allows it as a model id`, { param: 'model' });
  throw new GatewayError('model_not_found', `model "${requested}" is not available to AccessKey ${key.name}: name it as <provider>/<model-id> (GET /ext/v1/models lists them)`, { param: 'model' });
}
