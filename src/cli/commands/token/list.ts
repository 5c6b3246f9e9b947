import type { TokenInfo } from '../../../api/wire.js';
import { ControlPlaneCommand } from '../../base-command.js';
import { ageSince, humanDuration } from '../../render/resources/age.js';
import { renderTable } from '../../render/resources/table.js';

/** The `--json` payload of `pai token list`: names, roles and times, never the tokens. */
export interface TokenListResult {
  formatVersion: 1;
  items: TokenInfo[];
}

export default class TokenList extends ControlPlaneCommand {
  static override summary = 'List the admin tokens: role, age, expiry and last use (never the tokens).';
  static override enableJsonFlag = true;

  async run(): Promise<TokenListResult> {
    const { flags } = await this.parse(TokenList);
    const items = await this.connect(flags.context).tokens.list();
    const now = new Date();
    this.print(
      renderTable(
        ['NAME', 'ROLE', 'AGE', 'EXPIRES', 'LAST USED'],
        items.map((t) => [t.name, t.role, ageSince(t.createdAt, now), expiresColumn(t.expiresAt, now), t.lastUsed ? `${ageSince(t.lastUsed, now)} ago` : undefined]),
      ),
    );
    return { formatVersion: 1, items };
  }
}

/** `in 89d`, `expired`, or `never`. */
function expiresColumn(expiresAt: string | null, now: Date): string {
  if (expiresAt === null) return 'never';
  const left = Date.parse(expiresAt) - now.getTime();
  return left <= 0 ? 'expired' : `in ${humanDuration(left)}`;
}
