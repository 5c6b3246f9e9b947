import { Flags } from '@oclif/core';
import { ControlPlaneCommand } from '../base-command.js';
import type { UsageReport } from '../../api/observability.generated.js';
import { renderUsage } from '../render/observability/usage.js';

/** The `--json` payload of `pai usage`: GET /v1/usage's answer (schemas/output/usage-report.schema.json) with a format version. */
export type UsageResult = { formatVersion: 1 } & UsageReport;

/** `--by` as users type it, and as the API names it. */
const GROUPS = { provider: 'provider', 'access-key': 'accessKey', agent: 'agent' } as const;

export default class Usage extends ControlPlaneCommand {
  static override summary = "The LLM gateway's usage per UTC day — requests, tokens, refusals — per provider, access key or Agent, against their daily caps.";
  static override description = `Read from what the server keeps per UTC day (every replica's traffic; it survives restarts).
TODAY is the tokens charged against the daily cap (maxTokensPerDay; an Agent's tokens.maxPerDay) with a bar;
the last column has one bar per day, oldest first, as high as that day's tokens against the cap
(without a cap, against the row's busiest day; · = no tokens).`;
  static override examples = ['<%= config.bin %> usage', '<%= config.bin %> usage --by access-key --days 30', '<%= config.bin %> usage --by agent --json'];
  static override enableJsonFlag = true;
  static override flags = {
    days: Flags.integer({ description: 'how many days, today included', default: 14, min: 1, max: 90 }),
    by: Flags.string({ description: 'one row per', options: Object.keys(GROUPS), default: 'provider' }),
  };

  async run(): Promise<UsageResult> {
    const { flags } = await this.parse(Usage);
    const report = await this.connect(flags.context).usage({ days: flags.days, by: GROUPS[flags.by as keyof typeof GROUPS] });
    if (report.items.length === 0) this.note(`no ${flags.by === 'agent' ? 'Agents' : flags.by === 'provider' ? 'ModelProviders' : 'AccessKeys'} and no usage yet`);
    else this.print(renderUsage(report));
    return { formatVersion: 1, ...report };
  }
}
