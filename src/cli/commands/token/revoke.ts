import { Args } from '@oclif/core';
import { ControlPlaneCommand } from '../../base-command.js';

/** The `--json` payload of `pai token revoke`. */
export interface TokenRevokeResult {
  formatVersion: 1;
  revoked: string;
}

export default class TokenRevoke extends ControlPlaneCommand {
  static override summary = 'Revoke an admin token by name.';
  static override description = 'Calls made with it fail from now on. The last token cannot be revoked (you would lock yourself out).';
  static override examples = ['<%= config.bin %> token revoke ci'];
  static override enableJsonFlag = true;
  static override args = { name: Args.string({ ignoreStdin: true, description: 'name of the token', required: true }) };

  async run(): Promise<TokenRevokeResult> {
    const { args, flags } = await this.parse(TokenRevoke);
    await this.connect(flags.context).tokens.revoke(args.name);
    this.print(`token ${args.name} revoked\n`);
    return { formatVersion: 1, revoked: args.name };
  }
}
