import type { SqlQueryable } from '../../store/sql-driver.js';
import { SCOPES } from '../budget/budget-line.js';
import { usageSummary } from '../budget/budget-sql.js';
import { utcDay } from '../clock.js';
import type { UsageDay, UsageItem, UsageReport } from '../../../api/observability.generated.js';
import type { GatewaySnapshot } from '../config/snapshot.js';

/** What a usage report is grouped by (`GET /v1/usage?by=`). */
export const USAGE_GROUPS = ['provider', 'accessKey', 'agent'] as const;
export type UsageGroup = (typeof USAGE_GROUPS)[number];

/** The most days a report covers. */
export const MAX_USAGE_DAYS = 90;

/** Per group: the usage_daily column, the budget scope prefix, and the configured resources with their daily caps. */
const GROUPS: Record<UsageGroup, { column: string; scope: string; caps: (s: GatewaySnapshot) => Iterable<[string, number | undefined]> }> = {
  provider: { column: 'provider', scope: SCOPES.provider, caps: (s) => [...s.providers.values()].map((p) => [`${p.namespace}/${p.name}`, p.maxTokensPerDay]) },
  accessKey: { column: 'access_key', scope: SCOPES.accessKey, caps: (s) => [...s.accessKeys.values()].map((k) => [`${k.namespace}/${k.name}`, k.maxTokensPerDay]) },
  agent: { column: 'agent', scope: SCOPES.agent, caps: (s) => [...s.agents.values()].map((a) => [`${a.namespace}/${a.name}`, a.maxTokensPerDay]) },
};

/**
 * Requests, tokens and refusals per UTC day for the last `days` days (today included), per
 * provider, AccessKey or Agent, with each one's daily cap and today's spend against it. Every
 * configured resource of the group is listed (a key that made no request shows zeros), and so is
 * every name with usage in the window (a deleted one keeps its history, with no cap). Today's
 * spend is the budget ledger's (what caps are enforced against); an uncapped Agent has no budget
 * row, so its spend is the tokens its requests reported.
 */
export async function usageReport(db: SqlQueryable, snapshot: GatewaySnapshot, now: number, days: number, by: UsageGroup): Promise<UsageReport> {
  const group = GROUPS[by];
  const dates = Array.from({ length: days }, (_, i) => utcDay(now - (days - 1 - i) * 86_400_000));
  const today = dates[dates.length - 1]!;
  // One text value, a line per (day, name): moving 30,000 rows out of PGlite one by one takes
  // several times longer than the query (names are DNS labels and days digits: no tab or newline).
  const { rows: text } = await db.query<{ lines: string | null }>(
    `SELECT string_agg(concat_ws(E'\t', day, name, requests, tokens_in, tokens_out, refusals), E'\n') AS lines
       FROM (SELECT day, ${group.column} AS name, sum(requests) AS requests, sum(tokens_in) AS tokens_in, sum(tokens_out) AS tokens_out, sum(refusals) AS refusals
               FROM usage_daily WHERE day >= $1 AND day <= $2 AND ${group.column} <> '' GROUP BY day, ${group.column}) per_day`,
    [dates[0], today],
  );
  const rows = (text[0]?.lines ?? '').split('\n').filter(Boolean).map((line) => {
    const [day, name, requests, tokensIn, tokensOut, refusals] = line.split('\t');
    return { day: day!, name: name!, requests: Number(requests), tokensIn: Number(tokensIn), tokensOut: Number(tokensOut), refusals: Number(refusals) };
  });
  const caps = new Map<string, number | undefined>(group.caps(snapshot));
  const index = new Map(dates.map((d, i) => [d, i]));
  const byName = new Map<string, UsageDay[]>();
  const daysOf = (name: string) => {
    let list = byName.get(name);
    if (!list) byName.set(name, (list = dates.map((date) => ({ date, requests: 0, tokensIn: 0, tokensOut: 0, refusals: 0 }))));
    return list;
  };
  for (const name of caps.keys()) daysOf(name);
  for (const r of rows) {
    const i = index.get(r.day);
    if (i === undefined) continue;
    daysOf(r.name)[i] = { date: r.day, requests: r.requests, tokensIn: r.tokensIn, tokensOut: r.tokensOut, refusals: r.refusals };
  }
  const names = [...byName.keys()].sort();
  const spent = await usageSummary(db, names.map((n) => group.scope + n), today);
  const items = names.map((name): UsageItem => {
    const history = byName.get(name)!;
    const cap = caps.get(name) ?? null;
    const last = history[history.length - 1]!;
    const used = spent.get(group.scope + name)?.today ?? last.tokensIn + last.tokensOut;
    return { name, cap, today: { used, remaining: cap === null ? null : Math.max(0, cap - used) }, days: history };
  });
  return { by, today, dates, items };
}
