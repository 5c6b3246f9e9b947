import type { Logger } from '../http/logger.js';
import type { SqlQueryable } from '../store/sql-driver.js';
import { SCOPES } from './budget/budget-line.js';
import { usageSummary } from './budget/budget-sql.js';
import type { BudgetLedger } from './budget/ledger.js';
import { utcDay, type Clock } from './clock.js';

type Doc = { kind?: unknown; metadata?: { namespace?: unknown; name?: unknown }; status?: Record<string, unknown> };

/**
 * `status.lastUsed` and `status.tokensUsedToday` of ModelProviders and AccessKeys, as every read
 * of them shows: live, from the budget rows every replica adds to (today = the UTC day of the
 * gateway's clock), never stored in the resource. Writing them into the resource would move its
 * resourceVersion with every burst of traffic, and a saved plan or a conditional write of a
 * busy provider would then always be stale. Usage this replica settled but has not flushed yet
 * is flushed first, so a read right after a request sees it.
 */
export class UsageOverlay {
  constructor(
    private readonly db: SqlQueryable,
    private readonly ledger: BudgetLedger,
    private readonly now: Clock,
    private readonly log: Logger,
  ) {}

  /** The response body (a resource, a list, a batch result, a minted key) with the usage fields
   * of its ModelProviders and AccessKeys filled in. */
  async apply(payload: string): Promise<string> {
    const parsed = JSON.parse(payload) as Doc & { items?: Doc[]; results?: Array<{ resource?: Doc }>; accessKey?: Doc };
    const docs = Array.isArray(parsed.items)
      ? parsed.items
      : Array.isArray(parsed.results)
        ? parsed.results.map((r) => r.resource).filter((d): d is Doc => d !== undefined)
        : parsed.accessKey
          ? [parsed.accessKey]
          : [parsed];
    const scopeOf = new Map<Doc, string>();
    for (const doc of docs) {
      const prefix = doc.kind === 'ModelProvider' ? SCOPES.provider : doc.kind === 'AccessKey' ? SCOPES.accessKey : undefined;
      if (prefix && doc.metadata) scopeOf.set(doc, `${prefix}${String(doc.metadata.namespace)}/${String(doc.metadata.name)}`);
    }
    if (scopeOf.size === 0) return payload;
    await this.ledger.flush().catch((e: unknown) => this.log.warn('could not flush gateway usage before a read', { error: (e as Error)?.name ?? 'unknown' }));
    const usage = await usageSummary(this.db, [...scopeOf.values()], utcDay(this.now()));
    for (const [doc, scope] of scopeOf) {
      const u = usage.get(scope);
      doc.status = { ...doc.status, lastUsed: u?.lastUsed ?? null, tokensUsedToday: u?.today ?? 0 };
    }
    return JSON.stringify(parsed);
  }
}
