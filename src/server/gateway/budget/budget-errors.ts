import { secondsToMidnightUtc, secondsToNextMinute } from '../clock.js';
import { GatewayError } from '../errors.js';
import type { BudgetLedger, Refusal } from './ledger.js';
import type { BudgetLine } from './budget-line.js';

/** Retry-After of `budget_busy`: requests in flight settle within a second or two. */
export const BUSY_RETRY_AFTER_S = 1;

/** A request whose minimum cannot fit even an empty day of a line: a 400, never "come back tomorrow". */
export function tooLargeForBudget(line: BudgetLine, need: number): GatewayError {
  return new GatewayError('request_too_large', `this request needs at least ${need} tokens (its prompt's bound plus max_tokens), more than ${line.label} of ${line.cap} allows in a whole day; send a shorter prompt or a smaller max_tokens`, {
    param: 'messages',
  });
}

/**
 * The 429 for a limit that did not fit. A daily token budget is refused as spent
 * (`daily_budget_exhausted`, Retry-After = seconds to the next midnight UTC, `x-should-retry:
 * false`, so SDKs do not spin against it) only when the usage settled today leaves less than the
 * request needs; room that requests in flight hold is `budget_busy` (retry in a second). Both
 * say what is settled and reserved. A per-minute rate limit or a full concurrency limit is
 * short and retryable.
 */
export function refusalError(refusal: Refusal, now: number): GatewayError {
  const { line } = refusal;
  if (line.kind === 'tokens') {
    const state = `${line.label} is ${line.cap}: ${refusal.used} used today, ${refusal.reserved} held by requests in flight, and this request needs at least ${refusal.need}`;
    const usage = {
      'x-pai-tokens-limit-today': String(line.cap),
      'x-pai-tokens-remaining-today': String(refusal.remaining),
      'x-pai-tokens-used-today': String(refusal.used),
      'x-pai-budget': line.label,
    };
    if (refusal.reason === 'busy') {
      return new GatewayError('budget_busy', `the daily token budget is held by requests in flight: ${state}; retry in a second`, {
        headers: { 'retry-after': String(BUSY_RETRY_AFTER_S), 'x-should-retry': 'true', ...usage },
      });
    }
    const resetAt = new Date((Math.floor(now / 86_400_000) + 1) * 86_400_000).toISOString();
    return new GatewayError('daily_budget_exhausted', `the daily token budget is spent: ${state}; it resets at ${resetAt}`, {
      headers: { 'retry-after': String(secondsToMidnightUtc(now)), 'x-should-retry': 'false', ...usage },
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
