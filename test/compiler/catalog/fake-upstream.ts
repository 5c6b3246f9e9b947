/**
 * A fake of the five providers' list-models APIs on 127.0.0.1, serving fixtures/catalog/. It checks
 * the auth headers each provider documents, pages Anthropic (after_id) and Gemini (pageToken) and
 * answers 401 when the key is not the expected one. Requests are recorded for assertions.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { REPO_ROOT } from '../../helpers/cli.js';

export const FIXTURES = path.join(REPO_ROOT, 'fixtures/catalog');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');

/** The keys the fake accepts; anything else gets 401. */
export const GOOD_KEYS = {
  anthropic: 'sk-ant-api03-test-key-anthropic-0123456789',
  openai: 'sk-proj-test-key-openai-0123456789abcdef',
  gemini: 'AIzaTestKeyGemini0123456789abcdefghijklmnop',
  openrouter: 'sk-or-v1-test-key-openrouter-0123456789',
  nvidia: 'nvapi-test-key-nvidia-0123456789abcdef',
} as const;

export interface RecordedRequest {
  url: string;
  headers: IncomingHttpHeaders;
}

export interface FakeUpstream {
  /** Base URLs per provider, shaped like DEFAULT_ENDPOINTS (Anthropic without /v1). */
  baseUrls: Record<keyof typeof GOOD_KEYS, string>;
  /** The same as `PAI_CATALOG_<PROVIDER>_URL` variables. */
  env: Record<string, string>;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startFakeUpstream(opts: { hang?: boolean } = {}): Promise<FakeUpstream> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    requests.push({ url: req.url ?? '', headers: req.headers });
    if (opts.hang) return; // never answers: exercises the timeout
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send = (status: number, body: string) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      // A real 401 body can quote the key it got; the client must never echo it.
      res.end(status === 200 ? body : JSON.stringify({ error: { message: `Incorrect API key provided: ${req.headers['x-api-key'] ?? req.headers.authorization ?? req.headers['x-goog-api-key']}` } }));
    };
    const bearer = (provider: keyof typeof GOOD_KEYS, optional: boolean) => {
      const auth = req.headers.authorization;
      return auth === `Bearer ${GOOD_KEYS[provider]}` || (optional && auth === undefined);
    };
    switch (url.pathname) {
      case '/anthropic/v1/models': {
        const ok = req.headers['x-api-key'] === GOOD_KEYS.anthropic && req.headers['anthropic-version'] === '2023-06-01';
        if (!ok) return send(401, '');
        const after = url.searchParams.get('after_id');
        if (after === null) return send(200, fixture('anthropic.models.json'));
        if (after === 'claude-opus-4-6') return send(200, fixture('anthropic.models.page2.json'));
        return send(400, '');
      }
      case '/openai/v1/models':
        return bearer('openai', false) ? send(200, fixture('openai.models.json')) : send(401, '');
      case '/gemini/v1beta/models': {
        if (req.headers['x-goog-api-key'] !== GOOD_KEYS.gemini || url.searchParams.has('key')) return send(401, '');
        const token = url.searchParams.get('pageToken');
        if (token === null) return send(200, fixture('gemini.models.json'));
        if (token === 'Ch1tb2RlbHMvZ2VtaW5pLWVtYmVkZGluZy0wMDE=') return send(200, fixture('gemini.models.page2.json'));
        return send(400, '');
      }
      case '/openrouter/api/v1/models':
        return bearer('openrouter', true) ? send(200, fixture('openrouter.models.json')) : send(401, '');
      case '/nvidia/v1/models':
        return bearer('nvidia', true) ? send(200, fixture('nvidia.models.json')) : send(401, '');
      default:
        return send(404, '');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const root = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const baseUrls = {
    anthropic: `${root}/anthropic`,
    openai: `${root}/openai/v1`,
    gemini: `${root}/gemini/v1beta`,
    openrouter: `${root}/openrouter/api/v1`,
    nvidia: `${root}/nvidia/v1`,
  };
  const env = Object.fromEntries(Object.entries(baseUrls).map(([p, u]) => [`PAI_CATALOG_${p.toUpperCase()}_URL`, u]));
  return {
    baseUrls,
    env,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
