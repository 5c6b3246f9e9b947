import { Args } from '@oclif/core';
import { PaiCommand } from '../../base-command.js';
import { writeConfig } from '../../config/config-file.js';
import { deleteContext } from '../../config/contexts.js';

/** The `--json` payload of `pai context delete`. */
export interface ContextDeleteResult {
  formatVersion: 1;
  deleted: string;
  currentContext: string | null;
}

export default class ContextDelete extends PaiCommand {
  static override summary = 'Delete a saved context and its credentials.';
  static override examples = ['<%= config.bin %> context delete admin@127.0.0.1:7070'];
  static override enableJsonFlag = true;
  static override args = { name: Args.string({ ignoreStdin: true, description: 'context name (see `pai context list`)', required: true }) };

  async run(): Promise<ContextDeleteResult> {
    const { args } = await this.parse(ContextDelete);
    const { file, config } = this.loadConfig();
    const next = deleteContext(config, args.name);
    writeConfig(next, file);
    this.print(`Deleted context ${args.name}.${next.currentContext === null && config.currentContext === args.name ? ' No context is current now; use `pai context use NAME`.' : ''}\n`);
    return { formatVersion: 1, deleted: args.name, currentContext: next.currentContext };
  }
}
