import { splitArgs } from './split-args.js';

/** What the action does: check the manifests, show the plan, or apply it. */
export type ActionMode = 'validate' | 'plan' | 'apply';

export const ACTION_MODES: readonly ActionMode[] = ['validate', 'plan', 'apply'];

/** The action's inputs, parsed and checked (the runner passes them as INPUT_* variables). */
export interface ActionInputs {
  path: string;
  mode: ActionMode;
  /** Control plane URL; required for plan and apply. */
  server?: string;
  /** A `pai_tok_…` token; passed to pai as PAI_TOKEN, never echoed. */
  token?: string;
  /** For the pull-request comment. */
  githubToken?: string;
  prune: boolean;
  /** Extra arguments for the mode's pai command. */
  args: string[];
}

export type InputsResult = { ok: true; inputs: ActionInputs } | { ok: false; message: string };

/**
 * Reads the inputs from the environment, where the runner puts each input of a node action (its
 * default when unset) as `INPUT_<NAME>`: upper case, spaces as `_`, a `-` kept (INPUT_GITHUB-TOKEN),
 * as @actions/core reads them. Mistakes come back as a message naming the input and the accepted
 * values, never as a throw.
 */
export function parseActionInputs(env: Readonly<Record<string, string | undefined>>): InputsResult {
  const get = (name: string) => {
    const v = env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`]?.trim();
    return v ? v : undefined;
  };
  const mode = (get('mode') ?? 'plan').toLowerCase();
  if (!(ACTION_MODES as readonly string[]).includes(mode)) {
    return { ok: false, message: `input "mode" is ${JSON.stringify(mode)}; use one of: ${ACTION_MODES.join(', ')}` };
  }
  const prune = parseBoolean(get('prune') ?? 'false');
  if (prune === undefined) return { ok: false, message: `input "prune" is ${JSON.stringify(get('prune'))}; use true or false` };
  const args = splitArgs(get('args') ?? '');
  if (!args.ok) return { ok: false, message: `input "args": ${args.message}` };

  const inputs: ActionInputs = { path: get('path') ?? '.', mode: mode as ActionMode, prune, args: args.args };
  const server = get('server');
  const token = get('token');
  const githubToken = get('github-token');
  if (server) inputs.server = server;
  if (token) inputs.token = token;
  if (githubToken) inputs.githubToken = githubToken;
  if (inputs.mode !== 'validate') {
    if (!server) return { ok: false, message: `input "server" is required for mode ${inputs.mode}: the URL of the pai control plane` };
    if (!token) {
      return {
        ok: false,
        message: `input "token" is required for mode ${inputs.mode}: pass a pai_tok_… token from the repository's secrets (token: \${{ secrets.PAI_TOKEN }}); pull requests from forks get no secrets`,
      };
    }
  }
  return { ok: true, inputs };
}

/** GitHub passes boolean inputs as the strings `true` and `false` (any case). */
function parseBoolean(value: string): boolean | undefined {
  const v = value.toLowerCase();
  if (v === 'true') return true;
  if (v === 'false') return false;
  return undefined;
}
