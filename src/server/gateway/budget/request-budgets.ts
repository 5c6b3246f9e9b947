import { utcDay, utcMinute } from '../clock.js';
import type { AccessKeyConfig, AgentConfig, ProviderConfig } from '../config/snapshot.js';
import { NO_PERIOD, SCOPES, type BudgetLine } from './budget-line.js';

const id = (namespace: string, name: string) => `${namespace}/${name}`;

/**
 * The token budgets one call to `provider` is held to, each reserving `tokens` for the UTC day
 * of `now`: the provider's maxTokensPerDay (all traffic), its externalAccess.maxTokensPerDay
 * (AccessKey traffic: all of the gateway's), the AccessKey's own maxTokensPerDay, and the
 * Agent's tokens.maxPerDay. The provider's and the key's usage are counted even without a cap
 * (`pai get model-providers` shows it).
 */
export function tokenLines(provider: ProviderConfig, key: AccessKeyConfig, agent: AgentConfig | undefined, tokens: number, now: number): BudgetLine[] {
  const day = utcDay(now);
  const p = id(provider.namespace, provider.name);
  const lines: BudgetLine[] = [
    { scope: SCOPES.provider + p, period: day, cap: provider.maxTokensPerDay, amount: tokens, kind: 'tokens', label: `ModelProvider ${provider.name}'s maxTokensPerDay`, providerSpecific: true },
  ];
  if (provider.externalMaxTokensPerDay !== undefined) {
    lines.push({
      scope: SCOPES.providerExternal + p,
      period: day,
      cap: provider.externalMaxTokensPerDay,
      amount: tokens,
      kind: 'tokens',
      label: `ModelProvider ${provider.name}'s externalAccess.maxTokensPerDay`,
      providerSpecific: true,
    });
  }
  lines.push({ scope: SCOPES.accessKey + id(key.namespace, key.name), period: day, cap: key.maxTokensPerDay, amount: tokens, kind: 'tokens', label: `AccessKey ${key.name}'s maxTokensPerDay`, providerSpecific: false });
  if (agent && agent.maxTokensPerDay !== undefined) {
    lines.push({ scope: SCOPES.agent + id(agent.namespace, agent.name), period: day, cap: agent.maxTokensPerDay, amount: tokens, kind: 'tokens', label: `Agent ${agent.name}'s tokens.maxPerDay`, providerSpecific: false });
  }
  return lines;
}

/**
 * The limits on requests, held once per request whatever model serves it: the AccessKey's and
 * the Agent's maxRequestsPerMinute (per UTC minute) and the Agent's maxConcurrentRequests.
 */
export function requestLines(key: AccessKeyConfig, agent: AgentConfig | undefined, now: number): BudgetLine[] {
  const minute = utcMinute(now);
  const lines: BudgetLine[] = [];
  if (key.maxRequestsPerMinute !== undefined) {
    lines.push({ scope: SCOPES.accessKeyRpm + id(key.namespace, key.name), period: minute, cap: key.maxRequestsPerMinute, amount: 1, kind: 'requests', label: `AccessKey ${key.name}'s maxRequestsPerMinute`, providerSpecific: false });
  }
  if (agent?.maxRequestsPerMinute !== undefined) {
    lines.push({ scope: SCOPES.agentRpm + id(agent.namespace, agent.name), period: minute, cap: agent.maxRequestsPerMinute, amount: 1, kind: 'requests', label: `Agent ${agent.name}'s rateLimits.maxRequestsPerMinute`, providerSpecific: false });
  }
  if (agent?.maxConcurrentRequests !== undefined) {
    lines.push({ scope: SCOPES.agentConcurrency + id(agent.namespace, agent.name), period: NO_PERIOD, cap: agent.maxConcurrentRequests, amount: 1, kind: 'concurrency', label: `Agent ${agent.name}'s rateLimits.maxConcurrentRequests`, providerSpecific: false });
  }
  return lines;
}
