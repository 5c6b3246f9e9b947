import type { Finding } from '../../diagnostics/finding.js';
import { asString, at } from '../types.js';

/**
 * A Secret in the configuration directory declares which Secret exists; its values are set out of
 * band (`pai create secret`), encrypted at rest, and never live in git. Values under `data` or
 * `stringData` there are an error, reported at the key: the message never repeats a value.
 * Only for manifests read from files — the control plane's own write path accepts values.
 */
export function secretValuesInConfiguration(manifest: Record<string, unknown>): Finding[] {
  if (manifest.kind !== 'Secret') return [];
  const spec = at(manifest, 'spec');
  const name = asString(at(manifest, 'metadata', 'name')) ?? 'NAME';
  const out: Finding[] = [];
  for (const field of ['stringData', 'data'] as const) {
    const values = at(spec, field);
    if (!values || typeof values !== 'object' || Object.keys(values).length === 0) continue;
    const keys = Object.keys(values).sort();
    out.push({
      pointer: `/spec/${field}`,
      target: 'key',
      diagnostic: {
        code: 'secret-values-in-config',
        severity: 'error',
        message: `Secret values are written in the configuration under spec.${field} (keys: ${keys.join(', ')}; values not shown)`,
        hint: `remove spec.${field} and set the values out of band: pai create secret ${name} ${keys.map((k) => `--from-literal ${k}=…`).join(' ')}; rotate them if they were committed`,
      },
    });
  }
  return out;
}
