import { Flags } from '@oclif/core';
import { ControlPlaneCommand } from '../base-command.js';
import { durationMs } from '../duration.js';
import { namespaceFlag } from '../flags.js';
import { UsageError } from '../../lib/user-error.js';
import type { RequestLogItem } from '../../api/observability.generated.js';
import { REQUEST_LOG_HEADERS, renderRequestLog, requestLogRow } from '../render/observability/request-log.js';
import { renderTable } from '../render/resources/table.js';

/** The `--json` payload of `pai logs` (without --follow; with it, one item per line). */
export interface LogsResult {
  formatVersion: 1;
  items: RequestLogItem[];
}

/** How often --follow asks for new requests. */
const FOLLOW_INTERVAL_MS = 1_000;

export default class Logs extends ControlPlaneCommand {
  static override summary = "Query the LLM gateway's request log (every replica's requests), newest first.";
  static override description = `Each request: when, which access key and Agent, the model that served (or, in brackets, the one asked
for when none did), the status and gateway error code, tokens in/out, latency and fallbacks taken.
Never a prompt, an answer or a key. --follow then prints new requests as they arrive (oldest first,
like tail -f) until Ctrl-C; with --json, one JSON object per line.`;
  static override examples = [
    '<%= config.bin %> logs --since 1h',
    '<%= config.bin %> logs --access-key alice --status 4xx',
    '<%= config.bin %> logs --code daily_budget_exhausted --json',
    '<%= config.bin %> logs --follow',
  ];
  static override enableJsonFlag = true;
  static override flags = {
    since: Flags.string({ description: 'only requests since this long ago (1h, 30m, 7d) or since an RFC 3339 time' }),
    until: Flags.string({ description: 'only requests before this long ago (1h) or before an RFC 3339 time' }),
    'access-key': Flags.string({ description: 'only this AccessKey (name, or namespace/name)' }),
    agent: Flags.string({ description: 'only keys of this Agent (name, or namespace/name)' }),
    provider: Flags.string({ description: 'only requests this ModelProvider served (name, or namespace/name)' }),
    model: Flags.string({ description: 'only requests this model served (provider/model-id)' }),
    status: Flags.string({ description: 'only this HTTP status (429) or class (4xx)' }),
    code: Flags.string({ description: 'only this gateway error code (daily_budget_exhausted, rate_limit_exceeded …)' }),
    limit: Flags.integer({ description: 'at most this many requests', default: 50, min: 1, max: 1000 }),
    follow: Flags.boolean({ char: 'f', description: 'keep printing new requests as they arrive', default: false }),
    namespace: namespaceFlag,
  };

  async run(): Promise<LogsResult> {
    const { flags } = await this.parse(Logs);
    const now = Date.now();
    const qualified = (name: string | undefined) => (name === undefined || name.includes('/') ? name : `${flags.namespace}/${name}`);
    const filters = {
      since: pointInTime(flags.since, '--since', now),
      until: pointInTime(flags.until, '--until', now),
      accessKey: qualified(flags['access-key']),
      agent: qualified(flags.agent),
      provider: qualified(flags.provider),
      model: flags.model,
      status: flags.status,
      code: flags.code,
    };
    const client = this.connect(flags.context);
    const page = await client.requests({ ...filters, limit: flags.limit });
    if (!flags.follow) {
      if (page.items.length === 0) this.note('no requests match');
      else this.print(renderRequestLog(page.items));
      return { formatVersion: 1, items: page.items };
    }
    // Follow: the last page, oldest first, then what arrives, as lines (JSON lines with --json).
    const show = (items: RequestLogItem[], header: boolean) => {
      if (items.length === 0) return;
      const ordered = [...items].reverse();
      if (this.jsonEnabled()) process.stdout.write(ordered.map((i) => JSON.stringify(i) + '\n').join(''));
      else process.stdout.write(header ? renderTable(REQUEST_LOG_HEADERS, ordered.map(requestLogRow)) : renderTable(REQUEST_LOG_HEADERS, ordered.map(requestLogRow)).split('\n').slice(1).join('\n'));
    };
    show(page.items, true);
    let after = page.latest ?? 0;
    const { until: _until, ...live } = filters;
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, FOLLOW_INTERVAL_MS));
      const first = await client.requests({ ...live, after, limit: 1000 });
      const batch = [...first.items];
      // More than a page arrived since the last look: read back to where we were.
      for (let page = first; page.next !== null; ) {
        page = await client.requests({ ...live, after, before: page.next, limit: 1000 });
        batch.push(...page.items);
      }
      show(batch, false);
      // The first answer's latest: the pages after it were read below it, never past it.
      after = Math.max(after, first.latest ?? after);
    }
  }
}

/** `--since 1h` (that long before now) or an RFC 3339 time, as the API's RFC 3339 time. */
function pointInTime(text: string | undefined, flag: string, now: number): string | undefined {
  if (text === undefined) return undefined;
  if (/^\d{4}-\d{2}-\d{2}T/.test(text)) {
    const at = Date.parse(text);
    if (!Number.isFinite(at)) throw new UsageError(`${flag} ${JSON.stringify(text)} is not a valid time`, 'write a duration (1h, 30m, 7d) or an RFC 3339 time such as 2026-12-07T10:00:00Z');
    return new Date(at).toISOString();
  }
  return new Date(now - durationMs(text, flag)).toISOString();
}
