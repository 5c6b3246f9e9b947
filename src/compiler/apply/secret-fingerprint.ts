import type { Resource, SecretKeyStatus } from '../../api/wire.js';
import { secretFingerprint } from '../../api/secret-values.js';

export { declaredSecretValues, secretFingerprint } from '../../api/secret-values.js';

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
