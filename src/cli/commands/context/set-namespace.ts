import { Args, Flags } from '@oclif/core';
import { PaiCommand } from '../../base-command.js';
import { UserError } from '../../../lib/user-error.js';
import { writeConfig } from '../../config/config-file.js';
import { setContextNamespace } from '../../config/contexts.js';
import { DEFAULT_NAMESPACE } from '../../../api/kinds.js';

/** The `--json` payload of `pai context set-namespace`. */
export interface ContextSetNamespaceResult {
  formatVersion: 1;
  context: string;
  namespace: string;
}

export default class ContextSetNamespace extends PaiCommand {
  static override summary = 'Set the namespace a context uses when -n is not given.';
  static override description = 'get, describe, delete and create then work in that namespace (as `kubectl config set-context --current --namespace`); -n still wins. `default` goes back to the default namespace.';
  static override examples = ['<%= config.bin %> context set-namespace team-a', '<%= config.bin %> context set-namespace default --context prod@pairun'];
  static override enableJsonFlag = true;
  static override args = { namespace: Args.string({ ignoreStdin: true, description: 'the namespace', required: true }) };
  static override flags = { context: Flags.string({ description: 'the context to change (default: the current one)' }) };

  async run(): Promise<ContextSetNamespaceResult> {
    const { args, flags } = await this.parse(ContextSetNamespace);
    const { file, config } = this.loadConfig();
    const name = flags.context ?? config.currentContext;
    if (!name) throw new UserError('no context is current', 'log in first (`pai login URL`), or name one with --context');
    writeConfig(setContextNamespace(config, name, args.namespace === DEFAULT_NAMESPACE ? null : args.namespace), file);
    this.print(`Context ${name} now uses namespace ${args.namespace}.\n`);
    return { formatVersion: 1, context: name, namespace: args.namespace };
  }
}
