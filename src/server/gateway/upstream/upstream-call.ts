import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';
import { parseRetryAfter, realRetryClock, retrying, type RetryClock } from '../../../lib/retry.js';
import { networkErrorCode } from '../../../lib/network-errors.js';
import type { ProviderConfig } from '../config/snapshot.js';
import type { UpstreamPools } from './upstream-pools.js';
import type { UpstreamTarget } from './provider-endpoints.js';

/** An upstream answer the gateway passes on (2xx, or a 4xx that is the client's own problem). */
export interface UpstreamAnswer {
  kind: 'answer';
  status: number;
  headers: IncomingHttpHeaders;
  body: Dispatcher.ResponseData['body'];
  attempts: number;
}

/** The upstream kept failing (429, 5xx, no connection) through every attempt of its retry policy. */
export interface UpstreamFailure {
  kind: 'failure';
  /** The last status, or undefined for a network failure. */
  status: number | undefined;
  /** The network error code (ECONNREFUSED …) of the last attempt, if any. */
  code: string | undefined;
  /** The upstream's Retry-After on a final 429, in seconds. */
  retryAfter: number | undefined;
  attempts: number;
}

/** Statuses worth another attempt: rate limited, or the upstream failed. */
export function retryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** The code of a call that ran out of its provider's `timeouts.totalMs`. */
export const TOTAL_TIMEOUT_CODE = 'ETIMEDOUT';

/**
 * Stops one upstream call: when its client goes away (`clientLeft`) or when the provider's
 * `timeouts.totalMs` is over — attempts, backoff and the answer's body together. One
 * AbortController and one timer per call (cleared by `dispose`): cheap on the hot path.
 */
export class CallControl {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  clientGone = false;
  private stopped = false;

  constructor(totalMs: number) {
    this.timer = setTimeout(() => this.controller.abort(new DOMException(`no answer within ${totalMs} ms`, 'TimeoutError')), totalMs);
    this.timer.unref();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Whether the call was stopped by its total timeout (not by its client). */
  get timedOut(): boolean {
    return this.controller.signal.aborted && !this.clientGone && !this.stopped;
  }

  /** Stops the call on purpose (a guard blocked the answer): neither its client nor a timeout. */
  stop(): void {
    if (this.controller.signal.aborted) return;
    this.stopped = true;
    this.controller.abort();
  }

  clientLeft(): void {
    if (this.controller.signal.aborted) return;
    this.clientGone = true;
    this.controller.abort();
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}

/**
 * Sends one call to the upstream with the provider's retry policy: 429, 5xx and connection
 * errors are retried up to `retry.maxAttempts` attempts in total, with exponential backoff from
 * `initialBackoffMs`, capped at `maxBackoffMs`, with jitter (a shorter upstream Retry-After wins).
 * An attempt whose answer has not begun within `timeouts.firstByteMs` is a failure like a
 * connection error; a call stopped by `timeouts.totalMs` ends as a failure. Any other
 * answer is returned at once. A call aborted because the client went away throws.
 */
export async function callUpstream(
  pools: UpstreamPools,
  target: UpstreamTarget,
  body: string,
  provider: ProviderConfig,
  control: CallControl | undefined,
  clock: RetryClock = realRetryClock,
): Promise<UpstreamAnswer | UpstreamFailure> {
  const policy = { maxAttempts: provider.retry.maxAttempts, baseDelayMs: provider.retry.initialBackoffMs, maxDelayMs: provider.retry.maxBackoffMs };
  const dispatcher = pools.pool(target.origin);
  let last: UpstreamFailure = { kind: 'failure', status: undefined, code: undefined, retryAfter: undefined, attempts: 0 };
  return retrying<UpstreamAnswer | UpstreamFailure>(policy, clock, async (attempt) => {
    // The total timeout may have run out during the backoff.
    if (control?.timedOut) return { done: { ...last, code: TOTAL_TIMEOUT_CODE } };
    let retryAfter: number | undefined;
    try {
      const res = await dispatcher.request({ path: target.path, method: 'POST', headers: target.headers, body, headersTimeout: provider.timeouts.firstByteMs, ...(control ? { signal: control.signal } : {}) });
      if (!retryableStatus(res.statusCode)) return { done: { kind: 'answer', status: res.statusCode, headers: res.headers, body: res.body, attempts: attempt } };
      retryAfter = parseRetryAfter(res.headers['retry-after']);
      await res.body.dump().catch(() => {});
      last = { kind: 'failure', status: res.statusCode, code: undefined, retryAfter, attempts: attempt };
    } catch (err) {
      if (control?.timedOut) return { done: { kind: 'failure', status: undefined, code: TOTAL_TIMEOUT_CODE, retryAfter: undefined, attempts: attempt } };
      if (control?.signal.aborted) throw err;
      last = { kind: 'failure', status: undefined, code: networkErrorCode(err) ?? 'UPSTREAM_ERROR', retryAfter: undefined, attempts: attempt };
    }
    if (control?.timedOut) return { done: { ...last, code: TOTAL_TIMEOUT_CODE } };
    return { retry: last, ...(retryAfter !== undefined ? { retryAfter } : {}) };
  });
}
