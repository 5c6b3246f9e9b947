import { UserError } from '../../lib/user-error.js';
import type { ContextEntry, PaiConfig } from './config-file.js';
import { hostOfServerUrl } from './server-url.js';

/**
 * Pure edits of a PaiConfig, one per context command. Each returns a new config; the caller
 * writes it. Keeping them pure makes `login`, `logout` and `context use|delete` testable
 * without a file system.
 */

/**
 * The name `pai login` gives a context when `--context` is not passed: the name of the token or
 * access key the server knows it by, at the server's host (`ci-plan@127.0.0.1:7070`), so that an
 * admin token and a developer's key for one server get two contexts, each saying what it is.
 */
export function defaultContextName(credentialName: string, serverUrl: string): string {
  const who = credentialName.trim().replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'user';
  return `${who}@${hostOfServerUrl(serverUrl)}`;
}

/**
 * Saves a login under `name`. It becomes the current context when `use` is set or when no context
 * is current; otherwise the current one stays (an admin who saves a developer's access key keeps
 * working as admin). A credential of the other kind already stored for the same server is kept
 * (a developer may hold both a token and a key), and so is the context's namespace unless a new
 * one is given.
 */
export function saveLogin(config: PaiConfig, name: string, login: ContextEntry, options: { use: boolean } = { use: true }): PaiConfig {
  const previous = config.contexts[name];
  const sameServer = previous?.server === login.server;
  const namespace = login.namespace ?? (sameServer ? previous?.namespace : undefined);
  const entry: ContextEntry = {
    server: login.server,
    ...(login.token ? { token: login.token } : sameServer && previous?.token ? { token: previous.token } : {}),
    ...(login.accessKey ? { accessKey: login.accessKey } : sameServer && previous?.accessKey ? { accessKey: previous.accessKey } : {}),
    ...(namespace ? { namespace } : {}),
  };
  const current = options.use || !config.currentContext ? name : config.currentContext;
  return { ...config, currentContext: current, contexts: { ...config.contexts, [name]: entry } };
}

/** Sets (or with `null`, clears) the namespace a context's commands use when `-n` is not given. */
export function setContextNamespace(config: PaiConfig, name: string, namespace: string | null): PaiConfig {
  const { namespace: _old, ...entry } = requireContext(config, name);
  return { ...config, contexts: { ...config.contexts, [name]: namespace ? { ...entry, namespace } : entry } };
}

/** Makes an existing context the current one. */
export function useContext(config: PaiConfig, name: string): PaiConfig {
  requireContext(config, name);
  return { ...config, currentContext: name };
}

/** Removes a context; when it was the current one, no context is current afterwards. */
export function deleteContext(config: PaiConfig, name: string): PaiConfig {
  requireContext(config, name);
  const contexts = { ...config.contexts };
  delete contexts[name];
  return { ...config, currentContext: config.currentContext === name ? null : config.currentContext, contexts };
}

/** Forgets the credentials of a context (the server URL stays, so `pai login` can refresh it). */
export function logoutContext(config: PaiConfig, name: string): PaiConfig {
  const entry = requireContext(config, name);
  return { ...config, contexts: { ...config.contexts, [name]: { server: entry.server, ...(entry.namespace ? { namespace: entry.namespace } : {}) } } };
}

/** The context called `name`, or a UserError that lists the ones that exist. */
export function requireContext(config: PaiConfig, name: string): ContextEntry {
  const entry = config.contexts[name];
  if (entry) return entry;
  const known = Object.keys(config.contexts).sort();
  throw new UserError(
    `there is no context named ${JSON.stringify(name)}`,
    known.length ? `known contexts: ${known.join(', ')} (see \`pai context list\`)` : 'log in first: `pai login URL`',
  );
}

/** Which credentials a context holds, for listings that must never show the credentials. */
export function credentialKinds(entry: ContextEntry): Array<'token' | 'access-key'> {
  return [...(entry.token ? (['token'] as const) : []), ...(entry.accessKey ? (['access-key'] as const) : [])];
}
