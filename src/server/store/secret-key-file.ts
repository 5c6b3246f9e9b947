import { UserError } from '../../lib/user-error.js';
import { readFileSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createNewFile, readOwnFile } from './data-dir-files.js';

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
 * Reads the data dir's secret key, creating it (32 random bytes, mode 0600, never overwritten,
 * never through a symlink) on first start. A file of the wrong size is refused rather than "repaired": a new key would make
 * every stored secret unreadable.
 */
export function loadOrCreateSecretKey(file: string): LoadedSecretKey {
  // A symlink planted in its place is neither written through nor read (readOwnFile refuses it):
  // a key someone else chose or can read would decrypt every Secret.
  const created = createNewFile(file, randomBytes(SECRET_KEY_BYTES)) === 'created';
  const key = readOwnFile(file);
  if (key.length !== SECRET_KEY_BYTES) {
    throw new UserError(
      `the secret key file ${file} holds ${key.length} bytes, not ${SECRET_KEY_BYTES}`,
      'restore the original secret.key from a backup; without it stored Secrets cannot be decrypted',
    );
  }
  const mode = statSync(file).mode & 0o777;
  const warning = mode & 0o077 ? `${file} is readable by other users (mode ${mode.toString(8)}); run chmod 600 on it` : undefined;
  return { key, created, ...(warning ? { warning } : {}) };
}

/**
 * Reads a key file given explicitly (`pai server --secret-key-file`): replicas on one PostgreSQL
 * have no shared data dir, so the operator hands each the same file. Unlike the data dir's key it
 * is never created here: a fresh key on one replica would lock the others out of every Secret.
 */
export function readSecretKeyFile(file: string): Buffer {
  let key: Buffer;
  try {
    key = readFileSync(file);
  } catch (err) {
    throw new UserError(
      `cannot read the secret key file ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      'copy secret.key from the data dir that holds your Secrets, or make a new one (new installations only): head -c 32 /dev/urandom > secret.key && chmod 600 secret.key',
    );
  }
  if (key.length !== SECRET_KEY_BYTES) {
    throw new UserError(
      `the secret key file ${file} holds ${key.length} bytes, not ${SECRET_KEY_BYTES}`,
      'use the secret.key file from the data dir unchanged (it is binary: copy it, do not paste it)',
    );
  }
  return key;
}

/**
 * Decodes `PAI_SECRET_KEY` (for containers that take configuration from the environment): the 32
 * bytes as 64 hex digits or as base64 (`base64 < secret.key`). The message never echoes the value.
 */
export function parseSecretKey(text: string, source = 'PAI_SECRET_KEY'): Buffer {
  const trimmed = text.trim();
  let key: Buffer | undefined;
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) key = Buffer.from(trimmed, 'hex');
  else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) key = Buffer.from(trimmed, 'base64');
  if (!key || key.length !== SECRET_KEY_BYTES) {
    throw new UserError(
      `${source} is not a ${SECRET_KEY_BYTES}-byte key in hex or base64`,
      `set it from the key file: ${source}="$(base64 < secret.key)"`,
    );
  }
  return key;
}

/** Where `pai server` gets its secret key when it is not the data dir's `secret.key`. */
export interface SecretKeySource {
  /** `--secret-key-file` / `PAI_SECRET_KEY_FILE`. */
  file?: string;
  /** `PAI_SECRET_KEY` (hex or base64). */
  value?: string;
}

/** The explicit key, or undefined to use (and create on first start) `<data-dir>/secret.key`. */
export function resolveSecretKey(source: SecretKeySource): Buffer | undefined {
  const value = source.value?.trim() ? source.value : undefined;
  if (value !== undefined && source.file) {
    throw new UserError('both PAI_SECRET_KEY and --secret-key-file (or PAI_SECRET_KEY_FILE) are set', 'keep one of them');
  }
  if (value !== undefined) return parseSecretKey(value);
  if (source.file) return readSecretKeyFile(source.file);
  return undefined;
}
