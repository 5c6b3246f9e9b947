import { Flags } from '@oclif/core';
import { ControlPlaneCommand } from '../../cli/base-command.js';
import { registerSensitive } from '../../cli/sensitive.js';

/** The `--json` payload of `pai token create`: the one place a token is ever shown. */
export interface TokenCreateResult {
  formatVersion: 1;
  name: string;
  token: string;
}

export default class TokenCreate extends ControlPlaneCommand {
  static override summary = 'Create an admin token (e.g. for CI); it is printed once.';
  static override description = `The token goes to stdout alone, so that it can be captured:
  TOKEN=$(pai token create --name ci)
The control plane keeps only a hash: store the token now (e.g. as a CI secret).`;
  static override examples = ['<%= config.bin %> token create --name ci'];
  static override enableJsonFlag = true;
  static override flags = { name: Flags.string({ description: 'a name for the token (to list and revoke it)', required: true }) };

  async run(): Promise<TokenCreateResult> {
    const { flags } = await this.parse(TokenCreate);
    const created = await this.connect(flags.context).tokens.create(flags.name);
    // Printed on purpose, exactly once; anything else that would echo it is redacted.
    if (!this.jsonEnabled()) process.stdout.write(`${created.token}\n`);
    this.note(`token ${JSON.stringify(created.name)} created; it is shown only this once — store it now`);
    registerSensitive(created.token);
    return { formatVersion: 1, name: created.name, token: created.token };
  }
}
