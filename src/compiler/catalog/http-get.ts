import { STATUS_CODES } from 'node:http';
import { Agent, EnvHttpProxyAgent, request, type Dispatcher } from 'undici';

/** The outcome of one GET: the parsed JSON body, or why there is none — never an exception. */
export type GetJsonResult =
  | { ok: true; body: unknown }
  | { ok: false; kind: 'http'; status: number; statusText: string }
  | { ok: false; kind: 'timeout' | 'network' | 'invalid-json'; detail: string };

/** Bodies larger than this are refused: a model list is a few MB at most. */
const MAX_BODY_BYTES = 32 * 1024 * 1024;

/**
 * The HTTP client of `pai catalog refresh`: one connection pool with timeouts, going through
 * HTTP(S)_PROXY when the environment sets one (corporate networks), honouring NO_PROXY.
 */
export function createDispatcher(env: NodeJS.ProcessEnv, timeoutMs: number): Dispatcher {
  const timeouts = { headersTimeout: timeoutMs, bodyTimeout: timeoutMs, connectTimeout: timeoutMs };
  const httpProxy = env.HTTP_PROXY ?? env.http_proxy;
  const httpsProxy = env.HTTPS_PROXY ?? env.https_proxy;
  if (!httpProxy && !httpsProxy) return new Agent(timeouts);
  const noProxy = env.NO_PROXY ?? env.no_proxy;
  return new EnvHttpProxyAgent({ ...timeouts, ...(httpProxy ? { httpProxy } : {}), ...(httpsProxy ? { httpsProxy } : {}), ...(noProxy ? { noProxy } : {}) });
}

/** GETs a URL and parses its JSON body; the whole exchange is bounded by `timeoutMs`. */
export async function getJson(url: string, headers: Record<string, string>, opts: { dispatcher: Dispatcher; timeoutMs: number }): Promise<GetJsonResult> {
  try {
    const res = await request(url, {
      method: 'GET',
      headers: { accept: 'application/json', 'user-agent': 'pai-catalog-refresh', ...headers },
      dispatcher: opts.dispatcher,
      signal: AbortSignal.timeout(opts.timeoutMs),
    });
    if (res.statusCode < 200 || res.statusCode >= 300) {
      // The body is not read: error bodies may quote the key ("Incorrect API key provided: sk-…").
      await res.body.dump().catch(() => undefined);
      return { ok: false, kind: 'http', status: res.statusCode, statusText: STATUS_CODES[res.statusCode] ?? 'Error' };
    }
    const declared = Number(res.headers['content-length']);
    if (declared > MAX_BODY_BYTES) {
      await res.body.dump().catch(() => undefined);
      return { ok: false, kind: 'invalid-json', detail: `response too large (${declared} bytes)` };
    }
    const text = await res.body.text();
    try {
      return { ok: true, body: JSON.parse(text) as unknown };
    } catch {
      return { ok: false, kind: 'invalid-json', detail: 'the response is not JSON' };
    }
  } catch (err) {
    return describeFailure(err, opts.timeoutMs);
  }
}

function describeFailure(err: unknown, timeoutMs: number): GetJsonResult {
  const e = err as { name?: string; code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e.cause?.code ?? e.code;
  if (e.name === 'TimeoutError' || e.name === 'AbortError' || /TIMEOUT/.test(code ?? '')) {
    return { ok: false, kind: 'timeout', detail: `timed out after ${formatSeconds(timeoutMs)}` };
  }
  return { ok: false, kind: 'network', detail: code ?? e.cause?.message ?? e.message ?? String(err) };
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
