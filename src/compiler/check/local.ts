import type { Diagnostic } from '../../api/diagnostic.js';
import { agentRules } from './rules/agent.js';
import { endpointCredentials } from './rules/endpoint-credentials.js';
import { inlineApiKeys } from './rules/inline-keys.js';
import { modelProviderRules } from './rules/model-provider.js';
import { secretValuesInConfiguration } from './rules/secret-values.js';
import type { Finding } from '../diagnostics/finding.js';
import type { LocalRule } from './types.js';

/** Rules that need nothing but the resource itself. The server runs them on every write too. */
export const LOCAL_RULES: readonly LocalRule[] = [inlineApiKeys, agentRules, modelProviderRules, endpointCredentials];
const LOCAL_RULES_BUT_INLINE_KEYS = LOCAL_RULES.filter((r) => r !== inlineApiKeys);

/** Rules for manifests read from a configuration directory only (not for the server's writes). */
const CONFIGURATION_RULES: readonly LocalRule[] = [secretValuesInConfiguration];

/**
 * `skipInlineKeys`: the source text cannot hold an inline key (see textMayHoldKey).
 * `fromConfiguration`: the manifest was read from a configuration directory (the compiler).
 */
export function localFindings(manifest: Record<string, unknown>, options: { skipInlineKeys?: boolean; fromConfiguration?: boolean } = {}): Finding[] {
  const rules = options.skipInlineKeys ? LOCAL_RULES_BUT_INLINE_KEYS : LOCAL_RULES;
  const findings = rules.flatMap((rule) => rule(manifest));
  if (options.fromConfiguration) for (const rule of CONFIGURATION_RULES) findings.push(...rule(manifest));
  return findings;
}

/** Single-resource checks with their JSON pointers, for the control plane's write path (422). */
export function checkResourceLocally(manifest: Record<string, unknown>): Diagnostic[] {
  return localFindings(manifest).map((f) => ({ ...f.diagnostic, pointer: f.pointer }));
}
