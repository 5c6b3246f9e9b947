import type { TokenInfo } from '../../client/types.js';
import { ControlPlaneCommand } from '../../cli/base-command.js';
import { ageSince } from '../../render/resources/age.js';
import { renderTable } from '../../render/resources/table.js';

/** The `--json` payload of `pai token list`: names and times, never the tokens. */
export interface TokenListResult {
  formatVersion: 1;
  items: TokenInfo[];
}

export default class TokenList extends ControlPlaneCommand {
  static override summary = 'List the admin tokens (names and use, never the tokens).';
  static override enableJsonFlag = true;

  async run(): Promise<TokenListResult> {
    const { flags } = await this.parse(TokenList);
    const items = await this.connect(flags.context).tokens.list();
    const now = new Date();
    this.print(renderTable(['NAME', 'AGE', 'LAST USED'], items.map((t) => [t.name, ageSince(t.createdAt, now), t.lastUsed ? `${ageSince(t.lastUsed, now)} ago` : undefined])));
    return { formatVersion: 1, items };
  }
}
