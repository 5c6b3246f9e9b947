import { describe, expect, it } from 'vitest';
import { backoffDelayMs, parseRetryAfter, shouldRetry, type AttemptOutcome, type RetryPolicy } from '../../src/lib/retry.js';

const policy: RetryPolicy = { maxAttempts: 3, baseDelayMs: 200, maxDelayMs: 2_000 };

describe('shouldRetry', () => {
  const refused: AttemptOutcome = { kind: 'network', code: 'ECONNREFUSED' };
  const cases: Array<[string, string, AttemptOutcome, number, boolean]> = [
    ['GET on connection refused', 'GET', refused, 1, true],
    ['PUT on connection reset', 'PUT', { kind: 'network', code: 'ECONNRESET' }, 1, true],
    ['DELETE on 503', 'DELETE', { kind: 'status', status: 503 }, 1, true],
    ['GET on 502', 'GET', { kind: 'status', status: 502 }, 2, true],
    ['GET on 504', 'GET', { kind: 'status', status: 504 }, 1, true],
    ['GET on a headers timeout', 'GET', { kind: 'network', code: 'HEADERS_TIMEOUT' }, 1, true],
    ['never POST, even on connection refused', 'POST', refused, 1, false],
    ['never POST on 503', 'POST', { kind: 'status', status: 503 }, 1, false],
    ['not on 500 (a bug does not heal)', 'GET', { kind: 'status', status: 500 }, 1, false],
    ['not on 4xx', 'GET', { kind: 'status', status: 409 }, 1, false],
    ['not on 200', 'GET', { kind: 'status', status: 200 }, 1, false],
    ['not on an unknown host', 'GET', { kind: 'network', code: 'ENOTFOUND' }, 1, false],
    ['not on a TLS error', 'GET', { kind: 'network', code: 'CERT_HAS_EXPIRED' }, 1, false],
    ['not after the last attempt', 'GET', refused, 3, false],
  ];
  for (const [title, method, outcome, attempt, expected] of cases) it(title, () => expect(shouldRetry(method, outcome, attempt, policy)).toBe(expected));
});

describe('backoffDelayMs', () => {
  it('doubles, with at least half of it fixed', () => {
    expect(backoffDelayMs(1, policy, () => 0)).toBe(100);
    expect(backoffDelayMs(1, policy, () => 1)).toBe(200);
    expect(backoffDelayMs(2, policy, () => 0)).toBe(200);
    expect(backoffDelayMs(3, policy, () => 1)).toBe(800);
  });
  it('is capped', () => expect(backoffDelayMs(10, policy, () => 1)).toBe(2_000));
  it('uses Retry-After when given, capped', () => {
    expect(backoffDelayMs(1, policy, () => 1, 1)).toBe(1_000);
    expect(backoffDelayMs(1, policy, () => 1, 60)).toBe(2_000);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds', () => expect(parseRetryAfter('3')).toBe(3));
  it('ignores HTTP dates', () => expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT')).toBeUndefined());
  it('ignores a missing header', () => expect(parseRetryAfter(undefined)).toBeUndefined());
});
