import { UserError } from '../../../src/lib/user-error.js';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeSecretValues, encodeSecretValues, sameSecretValues, SecretBox, secretFingerprint } from '../../../src/server/store/secret-box.js';
import { loadOrCreateSecretKey } from '../../../src/server/store/secret-key-file.js';

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32));

  it('round-trips, with a fresh IV per value (same plaintext → different blobs)', () => {
    const a = box.encrypt(Buffer.from('hello'), 'Secret/ns/a');
    const b = box.encrypt(Buffer.from('hello'), 'Secret/ns/a');
    expect(a.equals(b)).toBe(false);
    expect(box.decrypt(a, 'Secret/ns/a').toString()).toBe('hello');
    expect(a.includes(Buffer.from('hello'))).toBe(false);
  });

  it.each([
    ['another resource (AAD binds the blob to its Secret)', (blob: Buffer) => box.decrypt(blob, 'Secret/ns/b')],
    ['another key', (blob: Buffer) => new SecretBox(randomBytes(32)).decrypt(blob, 'Secret/ns/a')],
    [
      'a flipped ciphertext byte',
      (blob: Buffer) => box.decrypt(Buffer.concat([blob.subarray(0, -1), Buffer.from([blob[blob.length - 1]! ^ 1])]), 'Secret/ns/a'),
    ],
    ['an unknown format byte', (blob: Buffer) => box.decrypt(Buffer.concat([Buffer.from([9]), blob.subarray(1)]), 'Secret/ns/a')],
  ])('refuses to decrypt with %s', (_name, attempt) => {
    const blob = box.encrypt(Buffer.from('hello'), 'Secret/ns/a');
    expect(() => attempt(blob)).toThrow();
  });

  it('keyId is stable per key and differs between keys', () => {
    const key = randomBytes(32);
    expect(new SecretBox(key).keyId).toBe(new SecretBox(key).keyId);
    expect(new SecretBox(key).keyId).not.toBe(box.keyId);
  });
});

describe('secret values', () => {
  it('encode/decode keeps binary values', () => {
    const values = new Map([
      ['a', Buffer.from([0, 255, 1])],
      ['b', Buffer.from('text')],
    ]);
    expect(sameSecretValues(decodeSecretValues(encodeSecretValues(values)), values)).toBe(true);
    expect(sameSecretValues(values, new Map([['a', Buffer.from([0, 255, 1])]]))).toBe(false);
  });

  it('fingerprint = sha256(salt ":" key ":" value), as docs/api.md says', () => {
    // printf 's:k:v' | sha256sum
    expect(secretFingerprint('s', 'k', Buffer.from('v'))).toBe('sha256:25d8b474ef603c2e6f21ce1ebf7d85e10650cd7aaad86f799318221bfc0bd65a');
  });
});

describe('loadOrCreateSecretKey', () => {
  it('creates 32 random bytes with mode 0600 once, then reads the same key', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'pai-key-')), 'secret.key');
    const first = loadOrCreateSecretKey(file);
    expect(first.created).toBe(true);
    expect(first.key).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const second = loadOrCreateSecretKey(file);
    expect(second.created).toBe(false);
    expect(second.key.equals(first.key)).toBe(true);
  });

  it('refuses a key file of the wrong size instead of replacing it', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'pai-key-')), 'secret.key');
    writeFileSync(file, 'short', { mode: 0o600 });
    expect(() => loadOrCreateSecretKey(file)).toThrow(UserError);
  });

  it('warns when others can read the key', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'pai-key-')), 'secret.key');
    writeFileSync(file, randomBytes(32), { mode: 0o644 });
    expect(loadOrCreateSecretKey(file).warning).toMatch(/chmod 600/);
  });
});
