import type { Agent } from 'undici';
import { ControlPlaneError, ControlPlaneUnreachableError, fallbackErrorBody, type ErrorBody } from '../../api/errors.js';
import { backoffDelayMs, DEFAULT_RETRY_POLICY, parseRetryAfter, shouldRetry, type RetryPolicy } from '../../lib/retry.js';
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
  /** The answer's headers, lower-case names (undici's shape). */
  headers?: Record<string, string | string[] | undefined>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The one place that puts bytes on the wire: timeouts, retries of idempotent calls, and the
 * translation of failures into ControlPlaneError / ControlPlaneUnreachableError.
 */
export class Transport {
  readonly baseUrl: string;
  /** baseUrl split for the dispatcher: `http://host:port` and a path prefix such as `/pai` (or ''). */
  private readonly origin: string;
  private readonly pathPrefix: string;
  /** The connection pool, made on the first call: undici is loaded only by commands that call the server. */
  private agent: Promise<Agent> | undefined;
  private readonly timeouts: Timeouts;
  private readonly bearer: string | undefined;
  private readonly userAgent: string;
  private readonly policy: RetryPolicy;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly onWarning: ((text: string) => void) | undefined;

  constructor(options: TransportOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    const url = new URL(this.baseUrl);
    this.origin = url.origin;
    this.pathPrefix = url.pathname.replace(/\/+$/, '');
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.bearer = options.bearer;
    this.userAgent = options.userAgent ?? 'pai-cli';
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.sleep = options.sleep ?? defaultSleep;
    this.random = options.random ?? Math.random;
    this.onWarning = options.onWarning;
  }

  /** Sends a call and returns its answer whatever the status; retries only what is safe to retry. */
  async sendRaw(call: HttpCall): Promise<HttpAnswer> {
    for (let attempt = 1; ; attempt++) {
      let answer: HttpAnswer & { retryAfter?: number; warnings?: string[] };
      try {
        answer = await this.attempt(call);
      } catch (err) {
        const code = networkErrorCode(err);
        if (code === undefined) throw err;
        if (shouldRetry(call.method, { kind: 'network', code }, attempt, this.policy)) {
          await this.sleep(backoffDelayMs(attempt, this.policy, this.random));
          continue;
        }
        throw new ControlPlaneUnreachableError(this.baseUrl, code, attempt);
      }
      if (shouldRetry(call.method, { kind: 'status', status: answer.status }, attempt, this.policy)) {
        await this.sleep(backoffDelayMs(attempt, this.policy, this.random, answer.retryAfter));
        continue;
      }
      if (this.onWarning) for (const text of answer.warnings ?? []) this.onWarning(text);
      return { status: answer.status, body: answer.body, ...(answer.headers ? { headers: answer.headers } : {}) };
    }
  }

  /** Sends a call; any status outside 2xx becomes a ControlPlaneError with the server's words. */
  async send(call: HttpCall): Promise<HttpAnswer> {
    const answer = await this.sendRaw(call);
    if (answer.status >= 200 && answer.status < 300) return answer;
    throw errorFromAnswer(answer, call);
  }

  /**
   * Releases the connection pool so that the process can exit. Callers close once every call has
   * been answered, so the sockets are dropped rather than closed gracefully: a graceful close
   * waits for the server to close its end too, which a busy server can delay by tens of ms.
   */
  async close(): Promise<void> {
    if (this.agent) await (await this.agent).destroy();
  }

  private dispatcher(): Promise<Agent> {
    const { connectMs, headersMs, bodyMs } = this.timeouts;
    this.agent ??= import('undici').then((undici) => {
      // CommonJS: Node and the bundle (scripts/undici-agent.cjs) both hand over module.exports as the default export.
      const { Agent } = ((undici as unknown as { default?: typeof undici }).default ?? undici) as typeof undici;
      return new Agent({ connect: { timeout: connectMs }, headersTimeout: headersMs, bodyTimeout: bodyMs });
    });
    return this.agent;
  }

  private async attempt(call: HttpCall): Promise<HttpAnswer & { retryAfter?: number; warnings?: string[] }> {
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': this.userAgent };
    const bearer = call.bearer ?? this.bearer;
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    let payload: string | undefined;
    if (call.body !== undefined) {
      payload = JSON.stringify(call.body);
      headers['content-type'] = 'application/json';
    }
    // The Agent's own request() rather than undici's top-level one: the bundled CLI then needs
    // only the Agent and its dependencies (see scripts/undici-agent.cjs).
    const agent = await this.dispatcher();
    const res = await agent.request({ origin: this.origin, path: this.pathPrefix + call.path, method: call.method, headers, body: payload ?? null });
    const text = await res.body.text();
    let body: unknown;
    if (text.length > 0) {
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
    }
    const retryAfter = parseRetryAfter(res.headers['retry-after']);
    const warnings = parseWarnings(res.headers.warning);
    return { status: res.statusCode, body, headers: res.headers, ...(retryAfter !== undefined ? { retryAfter } : {}), ...(warnings.length > 0 ? { warnings } : {}) };
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
