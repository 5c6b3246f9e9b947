import { UserError } from '../lib/user-error.js';
import { registerSensitive } from './sensitive.js';

/** A credential for `pai login`, with its kind decided by its prefix. */
export type LoginCredential = { kind: 'token'; value: string } | { kind: 'access-key'; value: string };

export const TOKEN_PREFIX = 'pai_tok_';
export const ACCESS_KEY_PREFIX = 'pak_';

/**
 * Checks a credential's prefix before anything is sent, so that a key pasted into the wrong
 * flag never reaches a server that does not accept it (the server checks the prefix too).
 * `expected` is the flag it came with; undefined when it was typed at the prompt.
 */
export function classifyCredential(raw: string, expected?: LoginCredential['kind']): LoginCredential {
  const value = raw.trim();
  registerSensitive(value);
  if (value === '') throw new UserError('the credential is empty', 'pass --token pai_tok_… or --access-key pak_…');
  const kind = value.startsWith(TOKEN_PREFIX) ? 'token' : value.startsWith(ACCESS_KEY_PREFIX) ? 'access-key' : undefined;
  if (kind === undefined) {
    const wanted = expected === 'access-key' ? 'an access key (pak_…)' : expected === 'token' ? 'an admin token (pai_tok_…)' : 'an admin token (pai_tok_…) or an access key (pak_…)';
    throw new UserError(`the credential is not ${wanted}`, 'admin tokens start with pai_tok_, access keys with pak_; check what was pasted');
  }
  if (expected === 'token' && kind === 'access-key') {
    throw new UserError('--token was given an access key (pak_…)', 'access keys are for the LLM gateway: pass it with --access-key; the control plane API needs an admin token');
  }
  if (expected === 'access-key' && kind === 'token') {
    throw new UserError('--access-key was given an admin token (pai_tok_…)', 'pass admin tokens with --token');
  }
  return { kind, value };
}
