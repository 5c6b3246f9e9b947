import { UserError } from '../../../src/lib/user-error.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSecretKey, readSecretKeyFile, resolveSecretKey } from '../../../src/server/store/secret-key-file.js';

const dir = mkdtempSync(path.join(tmpdir(), 'pai-key-'));
const key = randomBytes(32);
const keyFile = path.join(dir, 'secret.key');
writeFileSync(keyFile, key, { mode: 0o600 });
const shortFile = path.join(dir, 'short.key');
writeFileSync(shortFile, key.subarray(0, 31));

describe('the secret key of replicas (--secret-key-file, PAI_SECRET_KEY)', () => {
  it.each([
    ['hex', key.toString('hex')],
    ['base64', key.toString('base64')],
    ['base64url', key.toString('base64url')],
    ['base64 with a trailing newline', key.toString('base64') + '\n'],
  ])('PAI_SECRET_KEY in %s decodes to the key', (_name, text) => {
    expect(parseSecretKey(text).equals(key)).toBe(true);
  });

  it.each([
    ['too short', key.subarray(0, 16).toString('hex')],
    ['not hex nor base64', 'this is not a key!'],
    ['too long', randomBytes(48).toString('base64')],
  ])('PAI_SECRET_KEY %s is refused without echoing it', (_name, text) => {
    expect(() => parseSecretKey(text)).toThrow(UserError);
    try {
      parseSecretKey(text);
    } catch (err) {
      expect((err as Error).message + (err as UserError).hint).not.toContain(text);
    }
  });

  it('a key file is read as is, and never created', () => {
    expect(readSecretKeyFile(keyFile).equals(key)).toBe(true);
    expect(() => readSecretKeyFile(path.join(dir, 'missing.key'))).toThrow(/cannot read the secret key file .*ENOENT/);
    expect(() => readSecretKeyFile(shortFile)).toThrow(/holds 31 bytes, not 32/);
  });

  it.each([
    ['nothing: the data dir key', {}, undefined],
    ['an empty PAI_SECRET_KEY is unset', { value: '' }, undefined],
    ['the file', { file: keyFile }, key],
    ['the value', { value: key.toString('hex') }, key],
  ])('resolves %s', (_name, source, expected) => {
    const got = resolveSecretKey(source);
    expect(got === undefined ? undefined : got.toString('hex')).toBe(expected?.toString('hex'));
  });

  it('refuses both a file and a value', () => {
    expect(() => resolveSecretKey({ file: keyFile, value: key.toString('hex') })).toThrow(/both PAI_SECRET_KEY and --secret-key-file/);
  });
});
