import { closeSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { StoreSetupError } from './errors.js';

/** AES-256 needs exactly 32 bytes of key. */
export const SECRET_KEY_BYTES = 32;

/** What loading the key found: the key, whether it was just created, and a warning if the file
 * can be read by others (the server still starts: refusing would lock users out of their data). */
export interface LoadedSecretKey {
  key: Buffer;
  created: boolean;
  warning?: string;
}

/**
 * Reads the data dir's secret key, creating it (32 random bytes, mode 0600, never overwritten) on
 * first start. A file of the wrong size is refused rather than "repaired": a new key would make
 * every stored secret unreadable.
 */
export function loadOrCreateSecretKey(file: string): LoadedSecretKey {
  let created = false;
  try {
    const fd = openSync(file, 'wx', 0o600);
    try {
      writeSync(fd, randomBytes(SECRET_KEY_BYTES));
    } finally {
      closeSync(fd);
    }
    created = true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const key = readFileSync(file);
  if (key.length !== SECRET_KEY_BYTES) {
    throw new StoreSetupError(
      `the secret key file ${file} holds ${key.length} bytes, not ${SECRET_KEY_BYTES}`,
      'restore the original secret.key from a backup; without it stored Secrets cannot be decrypted',
    );
  }
  const mode = statSync(file).mode & 0o777;
  const warning = mode & 0o077 ? `${file} is readable by other users (mode ${mode.toString(8)}); run chmod 600 on it` : undefined;
  return { key, created, ...(warning ? { warning } : {}) };
}
