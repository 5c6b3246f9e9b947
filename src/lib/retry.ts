/**
 * When a caller tries a call again, how long it waits in between, and the one loop that does it
 * (`retrying`), shared by the CLI's client and the gateway's upstream calls.
 *
 * Only idempotent calls are retried (GET, PUT, DELETE): doing them twice leaves the same state as
 * doing them once. A POST (create, batch, token create) is never retried, even on a connection
 * reset, because the first attempt may have been written before the connection dropped and a
 * second one would then fail with "already exists" or mint a second token.
 */
export interface RetryPolicy {
  /** Attempts in total, the first included (1 = no retry). */
  maxAttempts: number;
  /** The wait before the first retry; it doubles each time. */
  baseDelayMs: number;
  /** No wait is longer than this, Retry-After included. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 200, maxDelayMs: 2_000 };

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE']);

/** Answers that mean "a proxy or the server is briefly unavailable", not "your request is wrong". */
const RETRYABLE_STATUSES = new Set([502, 503, 504]);

/**
 * Network failures worth another try (codes as lib/network-errors names them). A missing host
 * (ENOTFOUND) or a TLS error will not heal in a second, so those fail at once.
 */
const RETRYABLE_NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'CONNECT_TIMEOUT',
  'HEADERS_TIMEOUT',
  'BODY_TIMEOUT',
]);

/** What happened on one attempt, as far as the retry decision is concerned. */
export type AttemptOutcome = { kind: 'status'; status: number } | { kind: 'network'; code: string | undefined };

/** Whether an attempt that ended with `outcome` should be made again (attempts are 1-based). */
export function shouldRetry(method: string, outcome: AttemptOutcome, attempt: number, policy: RetryPolicy): boolean {
  if (attempt >= policy.maxAttempts) return false;
  if (!IDEMPOTENT_METHODS.has(method.toUpperCase())) return false;
  if (outcome.kind === 'status') return RETRYABLE_STATUSES.has(outcome.status);
  return outcome.code !== undefined && RETRYABLE_NETWORK_CODES.has(outcome.code);
}

/**
 * The wait before retry number `attempt` (1 = the first retry): exponential backoff with "equal
 * jitter" — half fixed, half random — so that many clients retrying at once spread out, while
 * each still waits at least half the backoff. A server's Retry-After (seconds) wins when it is
 * shorter than the cap.
 */
export function backoffDelayMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random, retryAfterSeconds?: number): number {
  if (retryAfterSeconds !== undefined && Number.isFinite(retryAfterSeconds) && retryAfterSeconds >= 0) {
    return Math.min(policy.maxDelayMs, retryAfterSeconds * 1000);
  }
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(exponential / 2 + (exponential / 2) * random());
}

/** Parses a Retry-After header given in seconds; HTTP dates and garbage are ignored. */
export function parseRetryAfter(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || !/^\d+$/.test(value.trim())) return undefined;
  return Number(value.trim());
}

/** How retries wait: injected by tests, real timers otherwise. */
export interface RetryClock {
  sleep: (ms: number) => Promise<void>;
  /** The jitter source, in [0, 1). */
  random: () => number;
}

export const realRetryClock: RetryClock = { sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)), random: Math.random };

/**
 * What one attempt came to: `done` ends the loop with its value; `retry` asks for another attempt
 * (after the backoff, or the server's Retry-After in seconds) and is the result if none is left.
 */
export type AttemptResult<T> = { done: T } | { retry: T; retryAfter?: number };

/**
 * Runs `attempt(1)`, `attempt(2)` … until one is done or `policy.maxAttempts` attempts were made,
 * waiting `backoffDelayMs` between them. The caller decides per attempt what is worth a retry;
 * an attempt that throws ends the loop with that error.
 */
export async function retrying<T>(policy: RetryPolicy, clock: RetryClock, attempt: (n: number) => Promise<AttemptResult<T>>): Promise<T> {
  const maxAttempts = Math.max(1, policy.maxAttempts);
  for (let n = 1; ; n++) {
    const result = await attempt(n);
    if ('done' in result) return result.done;
    if (n >= maxAttempts) return result.retry;
    await clock.sleep(backoffDelayMs(n, policy, clock.random, result.retryAfter));
  }
}
