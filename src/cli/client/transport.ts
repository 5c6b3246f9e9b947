import type { IncomingHttpHeaders } from 'node:http';
import { ControlPlaneError, ControlPlaneUnreachableError, fallbackErrorBody, type ErrorBody } from '../../api/errors.js';
import { DEFAULT_RETRY_POLICY, parseRetryAfter, realRetryClock, retrying, shouldRetry, type RetryClock, type RetryPolicy } from '../../lib/retry.js';
import { networkErrorCode } from '../../lib/network-errors.js';

/** How long the client waits for each phase of a call before it gives up on the attempt. */
export interface Timeouts {
  /** TCP + TLS handshake. */
  connectMs: number;
  /** From sending the request to the response headers (covers a slow server). */
  headersMs: number;
  /** Between two chunks of the response body. */
  bodyMs: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = { connectMs: 5_000, headersMs: 30_000, bodyMs: 30_000 };

/** Everything the transport needs; tests shorten the timeouts and the backoff. */
export interface TransportOptions {
  /** The normalised server URL (see config/server-url.ts), e.g. `http://127.0.0.1:7070`. */
  baseUrl: string;
  /** The bearer sent on every call unless a call names its own. */
  bearer?: string;
  userAgent?: string;
  timeouts?: Partial<Timeouts>;
  retry?: Partial<RetryPolicy>;
  /** Told each warning the server sent with an answer (HTTP `Warning: 299 - "…"`, e.g. a
   * deprecated model admitted); the CLI prints them on stderr as kubectl does. */
  onWarning?: (text: string) => void;
  /** Injected for tests: how to wait between attempts, and the jitter source. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/** One request: what to send. The body is serialised here and never logged or echoed. */
export interface HttpCall {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  body?: unknown;
  /** Overrides the transport's bearer (the gateway probe sends an access key). */
  bearer?: string;
}

/** A response of any status, its JSON body parsed (undefined when empty or not JSON). */
export interface HttpAnswer {
  status: number;
  body: unknown;
  /** The answer's headers, lower-case names (Node's shape). */
  headers?: Record<string, string | string[] | undefined>;
}

/** The timeout errors of the three phases, with codes that lib/network-errors describes and lib/retry retries. */
export const TIMEOUT_CODES = { connect: 'CONNECT_TIMEOUT', headers: 'HEADERS_TIMEOUT', body: 'BODY_TIMEOUT' } as const;

/** What one attempt brought back, before the retry decision. */
interface RawAnswer extends HttpAnswer {
  retryAfter?: number;
  warnings?: string[];
}

type HttpModule = typeof import('node:http');

/**
 * The one place that puts bytes on the wire: timeouts, retries of idempotent calls, and the
 * translation of failures into ControlPlaneError / ControlPlaneUnreachableError.
 *
 * Built on Node's own `http`/`https` rather than undici: a CLI process makes a handful of calls
 * and exits, and undici's HTTP parser is WebAssembly that V8 keeps compiling in the background
 * after the command is done — Node waits for that at exit, ~130 ms on every `pai get`.
 */
export class Transport {
  readonly baseUrl: string;
  /** baseUrl split for requests: the URL (protocol, host, port) and a path prefix such as `/pai` (or ''). */
  private readonly url: URL;
  private readonly pathPrefix: string;
  /** `node:http` or `node:https` and a keep-alive pool, made on the first call: commands that never call the server do not load them. */
  private connection: Promise<{ http: HttpModule; agent: import('node:http').Agent }> | undefined;
  private readonly timeouts: Timeouts;
  private readonly bearer: string | undefined;
  private readonly userAgent: string;
  private readonly policy: RetryPolicy;
  private readonly clock: RetryClock;
  private readonly onWarning: ((text: string) => void) | undefined;

  constructor(options: TransportOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.url = new URL(this.baseUrl);
    this.pathPrefix = this.url.pathname.replace(/\/+$/, '');
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.bearer = options.bearer;
    this.userAgent = options.userAgent ?? 'pai-cli';
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.clock = { sleep: options.sleep ?? realRetryClock.sleep, random: options.random ?? realRetryClock.random };
    this.onWarning = options.onWarning;
  }

  /** Sends a call and returns its answer whatever the status; retries only what is safe to retry. */
  async sendRaw(call: HttpCall): Promise<HttpAnswer> {
    const answer = await retrying<RawAnswer>(this.policy, this.clock, async (attempt) => {
      let answer: RawAnswer;
      try {
        answer = await this.attempt(call);
      } catch (err) {
        const code = networkErrorCode(err);
        if (code === undefined) throw err;
        // shouldRetry says no on the last attempt, so this placeholder is never the result.
        if (shouldRetry(call.method, { kind: 'network', code }, attempt, this.policy)) return { retry: { status: 0, body: undefined } };
        throw new ControlPlaneUnreachableError(this.baseUrl, code, attempt);
      }
      if (shouldRetry(call.method, { kind: 'status', status: answer.status }, attempt, this.policy)) {
        return { retry: answer, ...(answer.retryAfter !== undefined ? { retryAfter: answer.retryAfter } : {}) };
      }
      return { done: answer };
    });
    if (this.onWarning) for (const text of answer.warnings ?? []) this.onWarning(text);
    return { status: answer.status, body: answer.body, ...(answer.headers ? { headers: answer.headers } : {}) };
  }

  /** Sends a call; any status outside 2xx becomes a ControlPlaneError with the server's words. */
  async send(call: HttpCall): Promise<HttpAnswer> {
    const answer = await this.sendRaw(call);
    if (answer.status >= 200 && answer.status < 300) return answer;
    throw errorFromAnswer(answer, call);
  }

  /**
   * Releases the connection pool so that the process can exit. Callers close once every call has
   * been answered, so the idle sockets are dropped rather than closed gracefully.
   */
  async close(): Promise<void> {
    if (this.connection) (await this.connection).agent.destroy();
  }

  private connect(): Promise<{ http: HttpModule; agent: import('node:http').Agent }> {
    this.connection ??= (this.url.protocol === 'https:' ? import('node:https') : import('node:http')).then((http) => ({
      http: http as HttpModule,
      // One socket reused across a command's calls (plan lists every kind, apply writes in order).
      agent: new http.Agent({ keepAlive: true }),
    }));
    return this.connection;
  }

  private async attempt(call: HttpCall): Promise<RawAnswer> {
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': this.userAgent };
    const bearer = call.bearer ?? this.bearer;
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    let payload: string | undefined;
    if (call.body !== undefined) {
      payload = JSON.stringify(call.body);
      headers['content-type'] = 'application/json';
    }
    const { http, agent } = await this.connect();
    const { connectMs, headersMs, bodyMs } = this.timeouts;
    const { status, headers: answerHeaders, text } = await new Promise<{ status: number; headers: IncomingHttpHeaders; text: string }>((resolve, reject) => {
      const timedOut = (code: string, ms: number) => () => req.destroy(Object.assign(new Error(`no progress within ${ms} ms`), { code }));
      const req = http.request(
        // The path goes as it is (a URL object would resolve `..` segments); an IPv6 host loses its brackets.
        { protocol: this.url.protocol, hostname: this.url.hostname.replace(/^\[(.*)\]$/, '$1'), port: this.url.port, path: this.pathPrefix + call.path, method: call.method, headers, agent },
        (res) => {
          clearTimeout(headersTimer);
          // The body timeout is the longest wait between two chunks, not a limit on the whole answer.
          const bodyTimer = setTimeout(() => res.destroy(Object.assign(new Error(`no progress within ${bodyMs} ms`), { code: TIMEOUT_CODES.body })), bodyMs);
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => {
            chunks.push(chunk);
            bodyTimer.refresh();
          });
          res.on('end', () => {
            clearTimeout(bodyTimer);
            resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') });
          });
          res.on('error', (err) => {
            clearTimeout(bodyTimer);
            reject(err);
          });
          // The connection dropped in the middle of the answer (no 'end'): a reset, retried like one.
          res.on('close', () => {
            clearTimeout(bodyTimer);
            if (!res.complete) reject(Object.assign(new Error('connection closed before the answer was complete'), { code: 'ECONNRESET' }));
          });
        },
      );
      // From sending the request to the answer's headers; the connect timer below is shorter.
      const headersTimer = setTimeout(timedOut(TIMEOUT_CODES.headers, headersMs), headersMs);
      req.on('socket', (socket) => {
        if (!socket.connecting) return;
        const connectTimer = setTimeout(timedOut(TIMEOUT_CODES.connect, connectMs), connectMs);
        const clear = () => clearTimeout(connectTimer);
        socket.once('connect', clear).once('close', clear);
      });
      req.on('error', (err) => {
        clearTimeout(headersTimer);
        reject(err);
      });
      req.end(payload);
    });
    let body: unknown;
    if (text.length > 0) {
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
    }
    const retryAfter = parseRetryAfter(answerHeaders['retry-after']);
    const warnings = parseWarnings(answerHeaders.warning);
    return { status, body, headers: answerHeaders, ...(retryAfter !== undefined ? { retryAfter } : {}), ...(warnings.length > 0 ? { warnings } : {}) };
  }
}

/**
 * The texts of `Warning` headers (RFC 7234: `299 - "quoted text"`, one header each), as the
 * server sends admission warnings. Malformed values are skipped.
 */
export function parseWarnings(header: string | string[] | undefined): string[] {
  const values = header === undefined ? [] : Array.isArray(header) ? header : [header];
  const out: string[] = [];
  for (const value of values) {
    for (const m of value.matchAll(/\d{3} \S+ "((?:[^"\\]|\\.)*)"/g)) out.push(m[1]!.replace(/\\(.)/g, '$1'));
  }
  return out;
}

/** The ControlPlaneError for a non-2xx answer to `call`. */
export function errorFromAnswer(answer: HttpAnswer, call: HttpCall): ControlPlaneError {
  return new ControlPlaneError(errorBodyOf(answer), { method: call.method, path: call.path });
}

/** The documented `{error: {...}}` body, or a stand-in when the answer did not follow the contract. */
function errorBodyOf(answer: HttpAnswer): ErrorBody {
  const error = (answer.body as { error?: Partial<ErrorBody> } | undefined)?.error;
  if (error && typeof error.message === 'string') {
    return {
      status: typeof error.status === 'number' ? error.status : answer.status,
      reason: typeof error.reason === 'string' ? error.reason : 'UnexpectedResponse',
      message: error.message,
      ...(typeof error.hint === 'string' ? { hint: error.hint } : {}),
      ...(Array.isArray(error.diagnostics) ? { diagnostics: error.diagnostics } : {}),
      ...(typeof error.operation === 'number' ? { operation: error.operation } : {}),
      ...(Array.isArray(error.dependents) ? { dependents: error.dependents } : {}),
    };
  }
  return fallbackErrorBody(answer.status, '');
}
