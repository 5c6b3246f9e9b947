/**
 * The gateway's idea of "now", in epoch milliseconds. Budgets are per UTC day, so tests must be
 * able to move the clock across midnight: the gateway takes a `now()` option, and `pai server`
 * reads `PAI_TEST_CLOCK_OFFSET_MS` (see clockFromEnvironment).
 */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();

/**
 * The clock `pai server` uses: the system clock, shifted by `PAI_TEST_CLOCK_OFFSET_MS`
 * milliseconds when that variable is set. It exists for tests (a server started "just before
 * midnight UTC"); it only ever moves the gateway's budgets, never the store's timestamps.
 */
export function clockFromEnvironment(env: NodeJS.ProcessEnv = process.env): { clock: Clock; offsetMs: number } {
  const raw = env.PAI_TEST_CLOCK_OFFSET_MS?.trim();
  const offsetMs = raw && /^-?\d+$/.test(raw) ? Number(raw) : 0;
  return { clock: offsetMs === 0 ? systemClock : () => Date.now() + offsetMs, offsetMs };
}

const DAY_MS = 86_400_000;

let minuteCache = { start: Number.NaN, minute: '', day: '' };

/** The minute and day strings of an instant, formatted once per minute (they are on the hot path). */
function formatted(ms: number): typeof minuteCache {
  const start = Math.floor(ms / 60_000) * 60_000;
  if (start !== minuteCache.start) {
    const iso = new Date(start).toISOString();
    minuteCache = { start, minute: iso.slice(0, 16), day: iso.slice(0, 10) };
  }
  return minuteCache;
}

/** The UTC date of an instant, `YYYY-MM-DD`: the period of daily budgets. */
export function utcDay(ms: number): string {
  return formatted(ms).day;
}

/** The UTC minute of an instant, `YYYY-MM-DDTHH:MM`: the period of per-minute rate limits. */
export function utcMinute(ms: number): string {
  return formatted(ms).minute;
}

/** Whole seconds until the next midnight UTC (at least 1): the Retry-After of a spent daily budget. */
export function secondsToMidnightUtc(ms: number): number {
  const next = (Math.floor(ms / DAY_MS) + 1) * DAY_MS;
  return Math.max(1, Math.ceil((next - ms) / 1000));
}

/** Whole seconds until the next UTC minute (at least 1): the Retry-After of a rate limit. */
export function secondsToNextMinute(ms: number): number {
  return Math.max(1, Math.ceil((Math.floor(ms / 60_000) * 60_000 + 60_000 - ms) / 1000));
}
