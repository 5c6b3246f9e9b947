// Network failures as Node and undici report them, for every HTTP caller (the CLI's client on
// node:http, the gateway's upstream calls on undici): which code it was, and a short phrase for a
// message. The CLI's client names its own timeouts CONNECT_TIMEOUT, HEADERS_TIMEOUT and
// BODY_TIMEOUT (cli/client/transport.ts); undici's are UND_ERR_*.

/** The Node or undici error code of a network failure, looking through causes and AggregateErrors. */
export function networkErrorCode(err: unknown): string | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const e = current as { code?: unknown; errors?: unknown[]; cause?: unknown };
    if (typeof e.code === 'string' && /^(E[A-Z_]+|UND_ERR_[A-Z_]+|(CONNECT|HEADERS|BODY)_TIMEOUT|[A-Z_]*CERT[A-Z_]*|UNABLE_TO_[A-Z_]+)$/.test(e.code) && e.code !== 'UND_ERR_INVALID_ARG') {
      return e.code;
    }
    current = Array.isArray(e.errors) && e.errors.length > 0 ? e.errors[0] : e.cause;
  }
  return undefined;
}

const NETWORK_PHRASES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'timed out',
  CONNECT_TIMEOUT: 'timed out connecting',
  HEADERS_TIMEOUT: 'timed out waiting for an answer',
  BODY_TIMEOUT: 'timed out reading the answer',
  UND_ERR_CONNECT_TIMEOUT: 'timed out connecting',
  UND_ERR_HEADERS_TIMEOUT: 'timed out waiting for an answer',
  UND_ERR_BODY_TIMEOUT: 'timed out reading the answer',
  UND_ERR_SOCKET: 'connection closed',
  UND_ERR_CLOSED: 'connection closed',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'TLS: self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'TLS: self-signed certificate in chain',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS: certificate cannot be verified',
  CERT_HAS_EXPIRED: 'TLS: certificate expired',
  ERR_TLS_CERT_ALTNAME_INVALID: 'TLS: certificate does not match the host name',
  EPROTO: 'TLS handshake failed; is it an http:// server?',
};

/** A short human phrase for a Node/undici network error code. */
export function describeNetworkCode(code: string | undefined): string {
  return (code && NETWORK_PHRASES[code]) ?? (code ? `network error ${code}` : 'network error');
}
