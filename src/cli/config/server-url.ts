import { UserError } from '../../lib/user-error.js';

/** `host:port`, `[v6]:port`, with an optional path: the port is what marks it as plain http. */
const HOST_WITH_PORT = /^(\[[0-9a-fA-F:.]+\]|[^/:\s[\]]+):(\d{1,5})(\/.*)?$/;
const HAS_SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//;

/**
 * Turns what a user typed after `pai login` into the base URL the client calls:
 * - a full `http://` or `https://` URL is kept (lower-cased host, no trailing slash);
 * - a bare host name (`pairun.dev`) means https — a public control plane speaks TLS;
 * - `host:port` (`127.0.0.1:7070`, `localhost:7070`) means http — that is how `pai server`
 *   listens locally, without TLS.
 * Credentials, queries and fragments in the URL are refused: tokens go in `--token`.
 */
export function normaliseServerUrl(input: string): string {
  const text = input.trim();
  if (text === '') throw new UserError('the server URL is empty', 'pass the control plane URL, e.g. `pai login http://127.0.0.1:7070`');
  let candidate: string;
  if (HAS_SCHEME.test(text)) candidate = text;
  else if (HOST_WITH_PORT.test(text)) candidate = `http://${text}`;
  else candidate = `https://${text}`;

  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    throw new UserError(`${JSON.stringify(text)} is not a valid server URL`, 'use a host name (pairun.dev), host:port (127.0.0.1:7070) or a full URL (https://pai.example.com)');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UserError(`unsupported URL scheme ${JSON.stringify(url.protocol.slice(0, -1))} in the server URL`, 'use http:// or https://');
  }
  if (url.username || url.password) {
    throw new UserError('the server URL contains credentials', 'remove them from the URL and pass the token with --token (or PAI_TOKEN)');
  }
  if (url.search || url.hash) {
    throw new UserError('the server URL has a query or fragment', 'give only the scheme, host, port and (optionally) a path prefix');
  }
  if (!url.hostname) throw new UserError(`${JSON.stringify(text)} has no host name`, 'e.g. `pai login http://127.0.0.1:7070`');
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${url.host}${path}`;
}

/** The `host[:port]` part of a normalised URL, as used in default context names. */
export function hostOfServerUrl(serverUrl: string): string {
  return new URL(serverUrl).host;
}
