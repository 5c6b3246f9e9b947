import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const FORMAT_V1 = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM encryption of secret values at rest. Each blob carries a fresh random IV; the
 * "additional authenticated data" binds a blob to its resource, so a blob copied onto another
 * Secret's row fails to decrypt instead of leaking under the wrong name.
 * Blob layout: [format 1 byte][IV 12][auth tag 16][ciphertext].
 */
export class SecretBox {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('SecretBox needs a 32-byte key');
  }

  /** A stable, non-reversible identifier of the key, stored in the database to detect a swapped
   * or regenerated key file before any secret is written with it. */
  get keyId(): string {
    return createHash('sha256').update('pai-secret-key-id:').update(this.key).digest('hex').slice(0, 32);
  }

  encrypt(plain: Buffer, aad: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([Buffer.from([FORMAT_V1]), iv, cipher.getAuthTag(), body]);
  }

  /** Throws when the blob was tampered with, belongs to another resource or another key. */
  decrypt(blob: Buffer, aad: string): Buffer {
    if (blob.length < 1 + IV_BYTES + TAG_BYTES || blob[0] !== FORMAT_V1) throw new Error('unknown secret blob format');
    const iv = blob.subarray(1, 1 + IV_BYTES);
    const tag = blob.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(blob.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]);
  }
}

/** The values of one Secret, by key. Bytes, because `spec.data` may hold binary. */
export type SecretValues = Map<string, Buffer>;

/** Serialises a Secret's values into one plaintext (JSON of base64) for one encrypted blob. */
export function encodeSecretValues(values: SecretValues): Buffer {
  const obj: Record<string, string> = {};
  for (const [k, v] of values) obj[k] = v.toString('base64');
  return Buffer.from(JSON.stringify(obj), 'utf8');
}

export function decodeSecretValues(plain: Buffer): SecretValues {
  const obj = JSON.parse(plain.toString('utf8')) as Record<string, string>;
  return new Map(Object.entries(obj).map(([k, v]) => [k, Buffer.from(v, 'base64')]));
}

export { secretFingerprint } from '../../api/secret-values.js';

/** Two value maps are the same (used to decide whether a Secret's generation moves). */
export function sameSecretValues(a: SecretValues, b: SecretValues): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) {
    const w = b.get(k);
    if (!w || !w.equals(v)) return false;
  }
  return true;
}
