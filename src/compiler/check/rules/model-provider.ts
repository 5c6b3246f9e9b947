import { catalogProviderFor } from '../../catalog/catalog.js';
import type { Finding } from '../../diagnostics/finding.js';
import { asArray, asNumber, asString, at } from '../types.js';

/**
 * Whether `allowedModels` is the only source of truth for this provider: an OpenAI-compatible
 * endpoint whose models pai cannot know (custom endpoint, vllm, azure-openai deployments).
 */
export function allowedModelsIsSourceOfTruth(spec: unknown): boolean {
  const provider = asString(at(spec, 'provider'));
  if (provider === 'vllm' || provider === 'azure-openai') return true;
  const endpoint = asString(at(spec, 'endpoint'));
  if (provider === 'openai' && endpoint) return catalogProviderFor({ provider, endpoint }) !== 'openai';
  return false;
}

/** The documented ModelProvider rules across fields: endpoints, API versions, keys, budgets. */
export function modelProviderRules(manifest: Record<string, unknown>): Finding[] {
  if (manifest.kind !== 'ModelProvider') return [];
  const spec = at(manifest, 'spec');
  if (!spec || typeof spec !== 'object') return [];
  const out: Finding[] = [];
  const error = (pointer: string, code: Finding['diagnostic']['code'], message: string, hint: string) =>
    out.push({ pointer, target: 'key', diagnostic: { code, severity: 'error', message, hint } });
  const provider = asString(at(spec, 'provider'));

  if ((provider === 'azure-openai' || provider === 'vllm') && !asString(at(spec, 'endpoint'))) {
    error('/spec', 'endpoint-required', `provider ${provider} needs an endpoint`, provider === 'vllm' ? 'set spec.endpoint to your vLLM server URL, e.g. http://vllm.internal:8000/v1' : 'set spec.endpoint to your Azure resource URL, e.g. https://<resource>.openai.azure.com');
  }
  if (provider === 'azure-openai' && !asString(at(spec, 'apiVersion'))) {
    error('/spec', 'api-version-required', 'provider azure-openai needs spec.apiVersion', 'set spec.apiVersion to the Azure OpenAI API version, e.g. "2024-10-21"');
  }
  if (provider && provider !== 'vllm' && at(spec, 'apiKeySecretRef') === undefined) {
    error('/spec', 'api-key-secret-required', `provider ${provider} needs apiKeySecretRef`, 'reference the Secret holding the key: apiKeySecretRef: {name: <secret>, key: api-key}');
  }
  if (allowedModelsIsSourceOfTruth(spec) && asArray(at(spec, 'allowedModels')).length === 0) {
    // `allowedModels: []` is reported at that key; a missing one at spec.
    error(at(spec, 'allowedModels') === undefined ? '/spec' : '/spec/allowedModels', 'allowed-models-required', 'this OpenAI-compatible endpoint needs a non-empty allowedModels', 'pai cannot discover the models of a custom endpoint: list every model agents may use in spec.allowedModels');
  }
  const perDay = asNumber(at(spec, 'maxTokensPerDay'));
  const perRequest = asNumber(at(spec, 'maxTokensPerRequest'));
  const external = asNumber(at(spec, 'externalAccess', 'maxTokensPerDay'));
  if (perDay !== undefined && perRequest !== undefined && perRequest > perDay) {
    out.push({ pointer: '/spec/maxTokensPerRequest', target: 'value', diagnostic: { code: 'budget-inconsistent', severity: 'error', message: `maxTokensPerRequest (${perRequest}) is larger than maxTokensPerDay (${perDay})`, hint: 'a single request could never use it; lower maxTokensPerRequest or raise maxTokensPerDay' } });
  }
  if (perDay !== undefined && external !== undefined && external > perDay) {
    out.push({ pointer: '/spec/externalAccess/maxTokensPerDay', target: 'value', diagnostic: { code: 'budget-inconsistent', severity: 'error', message: `externalAccess.maxTokensPerDay (${external}) is larger than the provider's maxTokensPerDay (${perDay})`, hint: 'external traffic is part of the provider total; lower the external budget' } });
  }
  return out;
}
