import { createHash, randomBytes } from 'node:crypto';
import { ACCESS_KEY_PREFIX } from '../../http/auth.js';

export { ACCESS_KEY_PREFIX };

/** A fresh AccessKey: the `pak_` prefix and 256 random bits (base64url), like admin tokens. */
export function newAccessKey(): string {
  return ACCESS_KEY_PREFIX + randomBytes(32).toString('base64url');
}

/**
 * Keys are stored and compared only as SHA-256 digests. They are random, so no salt is needed: a
 * stolen table of digests cannot be turned back into keys.
 */
export function hashAccessKey(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

/**
 * A short, public identifier of a key (the first 8 hex digits of its digest), shown by
 * `pai access-key list` so that users can tell an old key from its rotated successor.
 */
export function keyIdOf(hash: Buffer): string {
  return hash.toString('hex').slice(0, 8);
}
