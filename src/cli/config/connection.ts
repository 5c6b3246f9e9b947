import { UserError } from '../../lib/user-error.js';
import { DEFAULT_NAMESPACE } from '../../api/kinds.js';
import type { ContextEntry, PaiConfig } from './config-file.js';
import { requireContext } from './contexts.js';
import { normaliseServerUrl } from './server-url.js';

/** Where a command sends its calls, with which credentials, and why (for messages). */
export interface Connection {
  server: string;
  token?: string;
  accessKey?: string;
  /** The context's default namespace, when it has one. */
  namespace?: string;
  /** The context the server came from; null when PAI_SERVER chose a server no context names. */
  contextName: string | null;
  source: 'context-flag' | 'environment' | 'current-context';
}

/**
 * Decides which control plane and credential a command uses, in this order:
 * 1. `--context NAME`: that context, exactly (an explicit choice beats the environment);
 * 2. `PAI_SERVER` (+ `PAI_TOKEN`): for CI and scripts. A token stored in a context is reused only
 *    when that context points at the same server — never sent to a different one;
 * 3. the current context, with `PAI_TOKEN` replacing its token when set.
 */
export function resolveConnection(config: PaiConfig, options: { context?: string; env?: NodeJS.ProcessEnv } = {}): Connection {
  const env = options.env ?? process.env;
  if (options.context) {
    const entry = requireContext(config, options.context);
    return { ...credentialsOf(entry), server: entry.server, contextName: options.context, source: 'context-flag' };
  }
  const envServer = nonEmpty(env.PAI_SERVER);
  const envToken = nonEmpty(env.PAI_TOKEN);
  const current = config.currentContext ? config.contexts[config.currentContext] : undefined;
  if (envServer) {
    const server = normaliseServerUrl(envServer);
    const matching = Object.entries(config.contexts).find(([name, e]) => e.server === server && name === config.currentContext) ?? Object.entries(config.contexts).find(([, e]) => e.server === server);
    const stored = matching ? credentialsOf(matching[1]) : {};
    return { ...stored, ...(envToken ? { token: envToken } : {}), server, contextName: matching?.[0] ?? null, source: 'environment' };
  }
  if (current && config.currentContext) {
    return { ...credentialsOf(current), ...(envToken ? { token: envToken } : {}), server: current.server, contextName: config.currentContext, source: 'current-context' };
  }
  throw new UserError('no control plane is configured', 'log in with `pai login URL --token pai_tok_…` (start a local one with `pai server`), or set PAI_SERVER and PAI_TOKEN');
}

/** The admin token of a connection, or a UserError that says how to get one. */
export function requireAdminToken(connection: Connection): string {
  if (connection.token) return connection.token;
  const where = connection.contextName ? `context ${connection.contextName} (${connection.server})` : connection.server;
  if (connection.accessKey) {
    throw new UserError(
      `${where} holds only an access key (pak_…), which the LLM gateway accepts but the control plane API does not`,
      `log in with an admin token: \`pai login ${connection.server} --token pai_tok_…\``,
    );
  }
  throw new UserError(`not logged in to ${where}`, `run \`pai login ${connection.server} --token pai_tok_…\` (or set PAI_TOKEN)`);
}

function credentialsOf(entry: ContextEntry): Pick<Connection, 'token' | 'accessKey' | 'namespace'> {
  return {
    ...(entry.token ? { token: entry.token } : {}),
    ...(entry.accessKey ? { accessKey: entry.accessKey } : {}),
    ...(entry.namespace ? { namespace: entry.namespace } : {}),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  const v = value?.trim();
  return v ? v : undefined;
}

/**
 * The namespace a command works in when `-n` is not given: the namespace of the context it
 * connects to (`--context`, else as resolveConnection decides), else `default`. Without any
 * configured connection this is `default`: the command's own connection error says what to do.
 */
export function contextNamespace(config: PaiConfig, contextName: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  try {
    return resolveConnection(config, { ...(contextName ? { context: contextName } : {}), env }).namespace ?? DEFAULT_NAMESPACE;
  } catch (err) {
    if (err instanceof UserError) return DEFAULT_NAMESPACE;
    throw err;
  }
}
