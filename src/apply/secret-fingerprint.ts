import { createHash } from 'node:crypto';
import type { Manifest, Resource, SecretKeyStatus } from '../client/types.js';

/**
 * Secret values are never returned by the control plane; instead each key has a fingerprint,
 * sha256(salt + ":" + key + ":" + value) with a per-Secret random salt (docs/api.md). Whoever
 * knows a desired value can recompute it and tell "unchanged" from "changed" without the server
 * ever revealing the value.
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
export function declaredSecretValues(manifest: Manifest): Map<string, Buffer> | undefined {
  const spec = manifest.spec ?? {};
  const data = spec.data as Record<string, unknown> | undefined;
  const stringData = spec.stringData as Record<string, unknown> | undefined;
  if (data === undefined && stringData === undefined) return undefined;
  const values = new Map<string, Buffer>();
  for (const [key, v] of Object.entries(data ?? {})) if (typeof v === 'string') values.set(key, Buffer.from(v, 'base64'));
  for (const [key, v] of Object.entries(stringData ?? {})) if (typeof v === 'string') values.set(key, Buffer.from(v, 'utf8'));
  return values;
}

/** Whether a live Secret holds exactly these keys with these values, judged by fingerprints. */
export function secretValuesMatch(declared: Map<string, Buffer>, live: Resource): boolean {
  const salt = live.status?.salt;
  const keys = live.status?.keys as SecretKeyStatus[] | undefined;
  if (typeof salt !== 'string' || !Array.isArray(keys)) return false;
  if (keys.length !== declared.size) return false;
  return keys.every((k) => {
    const value = declared.get(k.name);
    return value !== undefined && secretFingerprint(salt, k.name, value) === k.fingerprint;
  });
}
