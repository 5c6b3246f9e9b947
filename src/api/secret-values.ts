import { createHash } from 'node:crypto';

/**
 * The fingerprint the control plane shows for each key of a Secret (docs/api.md):
 * sha256(salt ":" key ":" value) as `sha256:<hex>`, with a per-Secret random salt. Whoever knows
 * a desired value can recompute it and tell "unchanged" from "changed" without the server ever
 * revealing the value. The one definition, shared by the server, plan and `apply -f`.
 */
export function secretFingerprint(salt: string, key: string, value: Buffer | string): string {
  const hash = createHash('sha256');
  hash.update(`${salt}:${key}:`, 'utf8');
  hash.update(typeof value === 'string' ? Buffer.from(value, 'utf8') : value);
  return `sha256:${hash.digest('hex')}`;
}

/**
 * The values a Secret manifest declares, by key: `spec.data` (base64) decoded, then
 * `spec.stringData` on top (it wins, as in Kubernetes). Undefined when the manifest declares no
 * values at all — a Secret declared only by name, whose values are set out of band.
 */
export function declaredSecretValues(manifest: { spec?: Record<string, unknown> }): Map<string, Buffer> | undefined {
  const spec = manifest.spec ?? {};
  const data = spec.data as Record<string, unknown> | undefined;
  const stringData = spec.stringData as Record<string, unknown> | undefined;
  if (data === undefined && stringData === undefined) return undefined;
  const values = new Map<string, Buffer>();
  for (const [key, v] of Object.entries(data ?? {})) if (typeof v === 'string') values.set(key, Buffer.from(v, 'base64'));
  for (const [key, v] of Object.entries(stringData ?? {})) if (typeof v === 'string') values.set(key, Buffer.from(v, 'utf8'));
  return values;
}
