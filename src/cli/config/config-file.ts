import { UserError } from '../../lib/user-error.js';
import { writeFileAtomic } from '../../lib/atomic-write.js';
import { mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

/** The version of the config file's shape; a newer file is refused rather than half-understood. */
export const CONFIG_FORMAT_VERSION = 1;

/** One control plane the CLI can talk to, with the credential it logged in with. */
export interface ContextEntry {
  /** Normalised base URL (config/server-url.ts). */
  server: string;
  /** Admin token `pai_tok_…`, for the control plane API under /v1/. */
  token?: string;
  /** Access key `pak_…`, for the LLM gateway only. */
  accessKey?: string;
  /** The namespace commands use when `-n` is not given (`pai context set-namespace`); else `default`. */
  namespace?: string;
}

/**
 * `~/.pai/config.json`: named contexts (like kubeconfig) and the one in use. Holds credentials,
 * so it is written with mode 0600 in a 0700 directory, atomically (write + rename) so that a
 * crash never leaves half a file.
 */
export interface PaiConfig {
  formatVersion: typeof CONFIG_FORMAT_VERSION;
  currentContext: string | null;
  contexts: Record<string, ContextEntry>;
}

/** Where the config lives: `PAI_CONFIG` if set (tests, several identities), else `~/.pai/config.json`. */
export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  const override = env.PAI_CONFIG?.trim();
  return override ? path.resolve(override) : path.join(homedir(), '.pai', 'config.json');
}

export function emptyConfig(): PaiConfig {
  return { formatVersion: CONFIG_FORMAT_VERSION, currentContext: null, contexts: {} };
}

/** Reads the config; a missing file is an empty config, an unreadable one a UserError. */
export function readConfig(file: string = configPath()): PaiConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return emptyConfig();
    throw new UserError(`cannot read the pai config file ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`, 'check its permissions, or point PAI_CONFIG at another file');
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new UserError(`the pai config file ${file} is not valid JSON`, 'fix it by hand, or delete it and run `pai login` again');
  }
  return checkShape(data, file);
}

function checkShape(data: unknown, file: string): PaiConfig {
  const broken = () => new UserError(`the pai config file ${file} does not have the expected shape`, 'delete it and run `pai login` again');
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw broken();
  const record = data as Record<string, unknown>;
  if (typeof record.formatVersion === 'number' && record.formatVersion > CONFIG_FORMAT_VERSION) {
    throw new UserError(`the pai config file ${file} was written by a newer pai (format ${record.formatVersion})`, 'upgrade pai, or point PAI_CONFIG at another file');
  }
  const contexts: Record<string, ContextEntry> = {};
  const raw = record.contexts ?? {};
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw broken();
  for (const [name, entry] of Object.entries(raw as Record<string, unknown>)) {
    const e = entry as Record<string, unknown> | null;
    if (!e || typeof e !== 'object' || typeof e.server !== 'string') throw broken();
    contexts[name] = {
      server: e.server,
      ...(typeof e.token === 'string' ? { token: e.token } : {}),
      ...(typeof e.accessKey === 'string' ? { accessKey: e.accessKey } : {}),
      ...(typeof e.namespace === 'string' && e.namespace ? { namespace: e.namespace } : {}),
    };
  }
  const current = typeof record.currentContext === 'string' && record.currentContext in contexts ? record.currentContext : null;
  return { formatVersion: CONFIG_FORMAT_VERSION, currentContext: current, contexts };
}

/**
 * Writes the config atomically with mode 0600. The directory is created with 0700 when missing;
 * an existing directory is left as it is (PAI_CONFIG may point into a shared folder).
 */
export function writeConfig(config: PaiConfig, file: string = configPath()): void {
  const dir = path.dirname(file);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileAtomic(file, JSON.stringify(config, null, 2) + '\n', 0o600);
}
