import { Flags } from '@oclif/core';
import { PaiCommand } from '../base-command.js';
import { UserError } from '../../lib/user-error.js';
import { writeConfig } from '../config/config-file.js';
import { logoutContext } from '../config/contexts.js';

/** The `--json` payload of `pai logout`. */
export interface LogoutResult {
  formatVersion: 1;
  context: string;
}

export default class Logout extends PaiCommand {
  static override summary = 'Forget the credentials of a context (the current one by default).';
  static override description = 'The context and its server URL stay, so `pai login URL --context NAME` can log in again; `pai context delete` removes it entirely. The token itself stays valid on the server: revoke it with `pai token revoke`.';
  static override enableJsonFlag = true;
  static override flags = { context: Flags.string({ description: 'the context to log out of (default: the current one)' }) };

  async run(): Promise<LogoutResult> {
    const { flags } = await this.parse(Logout);
    const { file, config } = this.loadConfig();
    const name = flags.context ?? config.currentContext;
    if (!name) throw new UserError('no context is current, so there is nothing to log out of', 'name one with --context (see `pai context list`)');
    writeConfig(logoutContext(config, name), file);
    this.print(`Logged out of ${name} (credentials removed from ${file}).\n`);
    return { formatVersion: 1, context: name };
  }
}
