import { UsageError } from '../lib/user-error.js';

/** `90d`, `12h`, `30m`, `45s`: a span of time given on the command line. */
const DURATION = /^(\d{1,6})([dhms])$/;
const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1_000 } as const;

/**
 * The milliseconds a duration flag names (`--expires-in 90d`, `--since 1h`,
 * `--request-log-retention 30d`); a clear error naming the flag for anything else. `allowZero`
 * accepts `0` (a flag for which zero turns something off).
 */
export function durationMs(text: string, flag: string, opts: { allowZero?: boolean } = {}): number {
  const trimmed = text.trim();
  if (opts.allowZero && trimmed === '0') return 0;
  const m = DURATION.exec(trimmed);
  const amount = Number(m?.[1] ?? 0);
  if (!m || amount === 0) {
    throw new UsageError(`${flag} ${JSON.stringify(text)} is not a duration`, `write a number and a unit: 90d (days), 12h (hours), 30m (minutes) or 45s (seconds)${opts.allowZero ? ', or 0 to turn it off' : ''}`);
  }
  return amount * UNIT_MS[m[2] as keyof typeof UNIT_MS];
}
