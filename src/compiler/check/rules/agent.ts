import type { Finding } from '../../diagnostics/finding.js';
import { asArray, asNumber, asString, at } from '../types.js';

/** The most memories one Agent may mount (documented limit). */
export const MAX_MEMORIES = 8;

/** The documented Agent rules that JSON Schema cannot say clearly. */
export function agentRules(manifest: Record<string, unknown>): Finding[] {
  if (manifest.kind !== 'Agent') return [];
  const spec = at(manifest, 'spec');
  if (!spec || typeof spec !== 'object') return [];
  const out: Finding[] = [];
  const error = (pointer: string, code: Finding['diagnostic']['code'], message: string, hint?: string, target: 'key' | 'value' = 'value') =>
    out.push({ pointer, target, diagnostic: { code, severity: 'error', message, ...(hint ? { hint } : {}) } });

  if (at(spec, 'runAsUser') === 0) {
    error('/spec/runAsUser', 'run-as-root', 'runAsUser 0 (root) is refused', 'omit runAsUser to use the default non-root user 65532');
  }
  const harness = asString(at(spec, 'harness')) ?? 'default';
  const longRunning = at(spec, 'longRunning') === true;
  const image = asString(at(spec, 'image'));
  if ((harness === 'custom' || longRunning) && !image) {
    const why = harness === 'custom' ? 'harness: custom' : 'longRunning: true';
    error(harness === 'custom' ? '/spec/harness' : '/spec/longRunning', 'image-required', `${why} needs an image`, 'add spec.image with the container image to run');
  }
  if (longRunning && harness !== 'custom') {
    error('/spec/longRunning', 'long-running-harness', `a long-running Agent needs harness: custom, not ${harness}`, 'set spec.harness: custom (and spec.image), or remove longRunning to run sessions');
  }
  if (longRunning && asArray(at(spec, 'triggers')).length > 0) {
    error('/spec/triggers', 'long-running-triggers', 'a long-running Agent takes no triggers', 'remove spec.triggers, or set longRunning: false to start sessions from triggers', 'key');
  }
  const memories = asArray(at(spec, 'memories'));
  if (memories.length > MAX_MEMORIES) {
    error(`/spec/memories/${MAX_MEMORIES}`, 'too-many-memories', `an Agent may mount at most ${MAX_MEMORIES} memories, this one mounts ${memories.length}`);
  }
  // Volumes and memories are directories of their own; two at one path would shadow each other.
  const seen = new Map<string, string>();
  for (const field of ['volumes', 'memories'] as const) {
    asArray(at(spec, field)).forEach((item, i) => {
      const mountPath = asString(at(item, 'mountPath'));
      if (!mountPath) return;
      const normalized = mountPath.replace(/\/+$/, '') || '/';
      const first = seen.get(normalized);
      if (first) error(`/spec/${field}/${i}/mountPath`, 'duplicate-mount-path', `mountPath "${mountPath}" is already used by ${first}`, 'give each volume and memory its own mountPath');
      else seen.set(normalized, `spec.${field}[${i}]`);
    });
  }
  const perDay = asNumber(at(spec, 'tokens', 'maxPerDay'));
  const perRequest = asNumber(at(spec, 'tokens', 'maxPerRequest'));
  if (perDay !== undefined && perRequest !== undefined && perRequest > perDay) {
    error('/spec/tokens/maxPerRequest', 'budget-inconsistent', `tokens.maxPerRequest (${perRequest}) is larger than tokens.maxPerDay (${perDay})`, 'a single request could never use it; lower maxPerRequest or raise maxPerDay');
  }
  return out;
}
