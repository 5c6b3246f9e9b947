import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { agentRules } from './rules/agent.js';
import { endpointCredentials } from './rules/endpoint-credentials.js';
import { inlineApiKeys } from './rules/inline-keys.js';
import { modelProviderRules } from './rules/model-provider.js';
import type { LocalFinding, LocalRule } from './types.js';

/** Rules that need nothing but the resource itself. The server runs them on every write too. */
export const LOCAL_RULES: readonly LocalRule[] = [inlineApiKeys, agentRules, modelProviderRules, endpointCredentials];
const LOCAL_RULES_BUT_INLINE_KEYS = LOCAL_RULES.filter((r) => r !== inlineApiKeys);

/** `skipInlineKeys`: the source text cannot hold an inline key (see textMayHoldKey). */
export function localFindings(manifest: Record<string, unknown>, options: { skipInlineKeys?: boolean } = {}): LocalFinding[] {
  const rules = options.skipInlineKeys ? LOCAL_RULES_BUT_INLINE_KEYS : LOCAL_RULES;
  return rules.flatMap((rule) => rule(manifest));
}

/** Single-resource checks with their JSON pointers, for the control plane's write path (422). */
export function checkResourceLocally(manifest: Record<string, unknown>): Diagnostic[] {
  return localFindings(manifest).map((f) => ({ ...f.diagnostic, pointer: f.pointer }));
}
