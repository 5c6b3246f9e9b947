import { Args } from '@oclif/core';
import { PaiCommand } from '../../base-command.js';
import { writeConfig } from '../../config/config-file.js';
import { useContext } from '../../config/contexts.js';

/** The `--json` payload of `pai context use`. */
export interface ContextUseResult {
  formatVersion: 1;
  currentContext: string;
}

export default class ContextUse extends PaiCommand {
  static override summary = 'Make a saved context the current one.';
  static override examples = ['<%= config.bin %> context use prod@pairun'];
  static override enableJsonFlag = true;
  static override args = { name: Args.string({ ignoreStdin: true, description: 'context name (see `pai context list`)', required: true }) };

  async run(): Promise<ContextUseResult> {
    const { args } = await this.parse(ContextUse);
    const { file, config } = this.loadConfig();
    writeConfig(useContext(config, args.name), file);
    this.print(`Switched to context ${args.name} (${config.contexts[args.name]!.server}).\n`);
    return { formatVersion: 1, currentContext: args.name };
  }
}
