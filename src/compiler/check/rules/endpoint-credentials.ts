import type { Finding } from '../../diagnostics/finding.js';
import { asString, at } from '../types.js';

/** The URL fields of each kind (JSON Schema `format: uri`), by JSON pointer. */
const URL_FIELDS: Record<string, ReadonlyArray<readonly [pointer: string, a: string, b: string, c?: string]>> = {
  ModelProvider: [['/spec/endpoint', 'spec', 'endpoint']],
  GuardBinding: [['/spec/classifier/endpoint', 'spec', 'classifier', 'endpoint']],
  Provider: [['/spec/mcp/url', 'spec', 'mcp', 'url']],
};

/**
 * `http://user:pass@host/` in an endpoint: the gateway never sends URL credentials upstream (they
 * would be silently dropped), and the URL is shown by `pai get` and stored in plain text. The
 * message never repeats the credentials.
 */
export function endpointCredentials(manifest: Record<string, unknown>): Finding[] {
  const fields = URL_FIELDS[manifest.kind as string];
  if (!fields) return [];
  const out: Finding[] = [];
  for (const [pointer, a, b, c] of fields) {
    const url = asString(at(manifest, a, b, c));
    if (!url || !hasUserInfo(url)) continue;
    out.push({
      pointer,
      target: 'value',
      diagnostic: {
        code: 'endpoint-credentials',
        severity: 'error',
        message: 'the URL holds credentials (user:password@), which are never sent and would be shown to every reader',
        hint: 'remove them from the URL and keep the key in a Secret (apiKeySecretRef, auth.secretRef)',
      },
    });
  }
  return out;
}

function hasUserInfo(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.username !== '' || parsed.password !== '';
  } catch {
    return false; // the schema reports a malformed URL
  }
}
