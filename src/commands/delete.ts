import { Args } from '@oclif/core';
import { ControlPlaneCommand } from '../cli/base-command.js';
import { namespaceFlag } from '../cli/flags.js';
import { KIND_ARG_DESCRIPTION, resolveKindArg } from '../cli/kind-arg.js';

/** The `--json` payload of `pai delete`. */
export interface DeleteResult {
  formatVersion: 1;
  deleted: { kind: string; namespace: string; name: string };
}

export default class Delete extends ControlPlaneCommand {
  static override summary = 'Delete one resource.';
  static override examples = ['<%= config.bin %> delete model-provider nvidia', '<%= config.bin %> delete secret anthropic-key -n team-a'];
  static override enableJsonFlag = true;
  static override args = {
    kind: Args.string({ ignoreStdin: true, description: KIND_ARG_DESCRIPTION, required: true }),
    name: Args.string({ ignoreStdin: true, description: 'name of the resource', required: true }),
  };
  static override flags = { namespace: namespaceFlag };

  async run(): Promise<DeleteResult> {
    const { args, flags } = await this.parse(Delete);
    const kind = resolveKindArg(args.kind);
    const client = this.connect(flags.context);
    await client.delete(kind, flags.namespace, args.name);
    this.print(`${kind.kind.toLowerCase()}/${args.name} deleted\n`);
    return { formatVersion: 1, deleted: { kind: kind.kind, namespace: flags.namespace, name: args.name } };
  }
}
