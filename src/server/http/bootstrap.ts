import { UserError } from '../../lib/user-error.js';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { createNewFile, isPlanted, plantedFile } from '../store/data-dir-files.js';
import { StoreError } from '../store/errors.js';
import { ADMIN_TOKEN_PREFIX, newAdminToken, type TokenStore } from '../store/token-store.js';

/** The name of the token created on first start. */
export const BOOTSTRAP_TOKEN_NAME = 'admin';

/** What the bootstrap did, for the command to report. `token` is set only when it was generated
 * here (and must then be shown once); a token from the environment is never echoed. */
export interface BootstrapResult {
  created: boolean;
  fromEnvironment: boolean;
  token?: string;
  file?: string;
}

/** A bootstrap token from the environment must look like a real one: prefix plus ≥ 16 characters. */
export function checkBootstrapToken(token: string | undefined): string | undefined {
  if (token === undefined || token === '') return undefined;
  if (!token.startsWith(ADMIN_TOKEN_PREFIX) || !/^pai_tok_[A-Za-z0-9_-]{16,}$/.test(token)) {
    throw new UserError(
      'PAI_BOOTSTRAP_ADMIN_TOKEN is not an admin token: it must start with pai_tok_ followed by at least 16 letters, digits, _ or -',
      'generate one, e.g. `echo pai_tok_$(openssl rand -hex 24)`, or unset the variable to let the server create one',
    );
  }
  return token;
}

/**
 * On first start (no admin token stored), creates the admin token (role admin) —
 * `PAI_BOOTSTRAP_ADMIN_TOKEN` when set, else a random one — and writes it to
 * `<data-dir>/admin.token` (0600) so that the operator can log in. The file is written first, and
 * only as a new file: a file or symlink already there (left over, or planted to capture the token
 * or overwrite another file) stops the start-up before any token exists. Later starts do nothing.
 */
export async function bootstrapAdminToken(tokens: TokenStore, dataDir: string, envToken: string | undefined): Promise<BootstrapResult> {
  const fromEnv = checkBootstrapToken(envToken);
  if ((await tokens.count()) > 0) return { created: false, fromEnvironment: false };
  const token = fromEnv ?? newAdminToken();
  const file = path.join(dataDir, 'admin.token');
  if (createNewFile(file, token + '\n') === 'exists') {
    if (isPlanted(file)) throw plantedFile(file);
    throw new UserError(
      `${file} already exists, but the store holds no admin token`,
      'it is left over from another store (or was put there): remove it and start again; a new token will be written',
    );
  }
  try {
    await tokens.create(BOOTSTRAP_TOKEN_NAME, token, { role: 'admin' });
  } catch (err) {
    rmSync(file, { force: true });
    // Replicas starting together on one fresh PostgreSQL: another one made the first token.
    if (err instanceof StoreError && err.reason === 'AlreadyExists') return { created: false, fromEnvironment: false };
    throw err;
  }
  return fromEnv ? { created: true, fromEnvironment: true, file } : { created: true, fromEnvironment: false, token, file };
}
