import { secondsToMidnightUtc, secondsToNextMinute } from '../clock.js';
import { GatewayError } from '../errors.js';
import type { BudgetLedger, Refusal } from './ledger.js';
import type { BudgetLine } from './budget-line.js';

/**
 * The 429 for a limit that did not fit. A spent daily budget says so with a stable code
 * (`daily_budget_exhausted`), Retry-After = seconds to the next midnight UTC and
 * `x-should-retry: false`, so SDKs do not spin against it; a per-minute rate limit or a full
 * concurrency limit is short and retryable.
 */
export function refusalError(refusal: Refusal, now: number): GatewayError {
  const { line } = refusal;
  if (line.kind === 'tokens') {
    const resetAt = new Date((Math.floor(now / 86_400_000) + 1) * 86_400_000).toISOString();
    return new GatewayError('daily_budget_exhausted', `the daily token budget is spent: ${line.label} (${line.cap}) has ${refusal.remaining} tokens left, fewer than this request needs; it resets at ${resetAt}`, {
      headers: {
        'retry-after': String(secondsToMidnightUtc(now)),
        'x-should-retry': 'false',
        'x-pai-tokens-limit-today': String(line.cap),
        'x-pai-tokens-remaining-today': String(refusal.remaining),
        'x-pai-budget': line.label,
      },
    });
  }
  if (line.kind === 'requests') {
    return new GatewayError('rate_limit_exceeded', `too many requests: ${line.label} is ${line.cap} a minute`, {
      headers: { 'retry-after': String(secondsToNextMinute(now)), 'x-should-retry': 'true', 'x-pai-budget': line.label },
    });
  }
  return new GatewayError('concurrency_limit_exceeded', `too many requests at once: ${line.label} is ${line.cap}`, {
    headers: { 'retry-after': '1', 'x-should-retry': 'true', 'x-pai-budget': line.label },
  });
}

/**
 * The usage headers of a response: the tightest daily token cap among the lines and what is
 * left of it (as this replica knows it), and what the request used when that is known.
 */
export function usageHeaders(ledger: BudgetLedger, lines: readonly BudgetLine[], usedTokens?: number): Record<string, string> {
  const headers: Record<string, string> = {};
  let tightest: { line: BudgetLine; remaining: number } | undefined;
  for (const line of lines) {
    if (line.kind !== 'tokens' || line.cap === undefined) continue;
    const remaining = ledger.remaining(line)!;
    if (!tightest || remaining < tightest.remaining) tightest = { line, remaining };
  }
  if (tightest) {
    headers['x-pai-tokens-limit-today'] = String(tightest.line.cap);
    headers['x-pai-tokens-remaining-today'] = String(Math.floor(tightest.remaining));
  }
  if (usedTokens !== undefined) headers['x-pai-tokens-used'] = String(usedTokens);
  return headers;
}
