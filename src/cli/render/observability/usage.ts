import type { UsageItem, UsageReport } from '../../../api/observability.generated.js';
import { renderTable } from '../resources/table.js';

/** The first column's title per grouping. */
const NAME_HEADER: Record<UsageReport['by'], string> = { provider: 'PROVIDER', accessKey: 'ACCESS KEY', agent: 'AGENT' };
/** A day's tokens as a bar of 1/8 steps (· = none). */
const STEPS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
const TODAY_BAR_WIDTH = 10;

/**
 * `pai usage`: one row per provider, AccessKey or Agent — its requests, tokens and refusals over
 * the window, today's spend against its cap as a bar and a percentage, and one column per day
 * (oldest first) whose height is that day's tokens against the cap (or, without a cap, against
 * the row's busiest day).
 */
export function renderUsage(report: UsageReport): string {
  const header = [NAME_HEADER[report.by], 'REQUESTS', 'TOKENS IN', 'TOKENS OUT', 'REFUSALS', 'TODAY', `LAST ${report.dates.length} DAYS (${report.dates[0]} .. ${report.today})`];
  const rows = report.items.map((item) => {
    const sum = (f: (d: UsageItem['days'][number]) => number) => item.days.reduce((n, d) => n + f(d), 0);
    return [item.name, count(sum((d) => d.requests)), count(sum((d) => d.tokensIn)), count(sum((d) => d.tokensOut)), count(sum((d) => d.refusals)), today(item), daily(item)];
  });
  return renderTable(header, rows);
}

/** `18 / 40 ████▌░░░░░ 45%`, or `18 (no cap)`. */
function today(item: UsageItem): string {
  if (item.cap === null) return `${count(item.today.used)} (no cap)`;
  const share = item.cap === 0 ? 1 : Math.min(1, item.today.used / item.cap);
  const filled = Math.round(share * TODAY_BAR_WIDTH);
  const percent = item.cap === 0 ? 100 : Math.floor((item.today.used / item.cap) * 100);
  return `${count(item.today.used)} / ${count(item.cap)} ${'█'.repeat(filled)}${'░'.repeat(TODAY_BAR_WIDTH - filled)} ${percent}%`;
}

function daily(item: UsageItem): string {
  const tokens = item.days.map((d) => d.tokensIn + d.tokensOut);
  const scale = item.cap ?? Math.max(...tokens);
  return tokens.map((t) => (t === 0 || scale <= 0 ? '·' : STEPS[Math.min(STEPS.length - 1, Math.max(0, Math.ceil((t / scale) * STEPS.length) - 1))])).join('');
}

/** `1,234,567` (toLocaleString is ~100× slower, and a report may have 1,000 rows). */
function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}
