import { GatewayError } from '../errors.js';
import type { Dialect } from '../errors.js';
import type { AccessKeyConfig, ProviderConfig } from './snapshot.js';

/**
 * Whether an AccessKey may call `model` on `provider`. An AccessKey only ever narrows what its
 * provider permits: the provider must be bound to the key (directly, or through the key's Agent)
 * and open to external traffic; the provider's deniedModels win over its allowedModels; the key's
 * own allowedModels narrow further. `agentRefs` (for a key bound to an Agent) are the model
 * references the Agent may use: its models and their providers' fallbacks. Returns the refusal
 * (a 403 with the reason), or undefined.
 */
export function refusal(key: AccessKeyConfig, agentRefs: ReadonlySet<string> | undefined, provider: ProviderConfig, model: string, dialect: Dialect): GatewayError | undefined {
  const ref = `${provider.name}/${model}`;
  if (!providerBound(key, agentRefs, provider.name)) {
    return new GatewayError('model_not_allowed', `AccessKey ${key.name} is not bound to ModelProvider ${provider.name} (model "${ref}")`, { param: 'model' });
  }
  if (!provider.externalEnabled) {
    return new GatewayError(
      'external_access_disabled',
      `ModelProvider ${provider.name} is not open to AccessKeys: its externalAccess.enabled is not true`,
      { param: 'model' },
    );
  }
  if (dialect === 'anthropic' && provider.kind !== 'anthropic') {
    return new GatewayError('unsupported_provider', `model "${ref}" is served by a ${provider.kind} provider; the Messages API is for anthropic providers (use /ext/v1/chat/completions)`, {
      param: 'model',
    });
  }
  if (provider.deniedModels.has(model)) {
    return new GatewayError('model_not_allowed', `model "${ref}" is in the deniedModels of ModelProvider ${provider.name}`, { param: 'model' });
  }
  if (provider.allowedModels.length > 0 && !provider.allowedModels.includes(model)) {
    return new GatewayError('model_not_allowed', `model "${ref}" is not in the allowedModels of ModelProvider ${provider.name}`, { param: 'model' });
  }
  if (key.allowedModels.length > 0 && !key.allowedModels.includes(model) && !key.allowedModels.includes(ref)) {
    return new GatewayError('model_not_allowed', `model "${ref}" is not in the allowedModels of AccessKey ${key.name}`, { param: 'model' });
  }
  if (agentRefs && !key.modelProviders.includes(provider.name) && !agentRefs.has(ref)) {
    return new GatewayError('model_not_allowed', `model "${ref}" is not one of the models of Agent ${key.agent}`, { param: 'model' });
  }
  return undefined;
}

/** The providers a key may reach: the ones it names, and those of its Agent's models. */
export function providerBound(key: AccessKeyConfig, agentRefs: ReadonlySet<string> | undefined, provider: string): boolean {
  if (key.modelProviders.includes(provider)) return true;
  if (!agentRefs) return false;
  for (const ref of agentRefs) if (ref.startsWith(provider + '/')) return true;
  return false;
}
