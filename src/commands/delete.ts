import { Args, Flags } from '@oclif/core';
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
  static override description =
    'A resource that others still use (a ModelProvider named by Agents, AccessKeys or fallbacks, a Secret read by a provider, a GuardBinding) is not deleted: the command lists what uses it. Change or delete those first, or pass --force.';
  static override examples = [
    '<%= config.bin %> delete model-provider nvidia',
    '<%= config.bin %> delete secret anthropic-key -n team-a',
    '<%= config.bin %> delete model-provider old-nim --force',
  ];
  static override enableJsonFlag = true;
  static override args = {
    kind: Args.string({ ignoreStdin: true, description: KIND_ARG_DESCRIPTION, required: true }),
    name: Args.string({ ignoreStdin: true, description: 'name of the resource', required: true }),
  };
  static override flags = {
    namespace: namespaceFlag,
    force: Flags.boolean({ description: 'delete it even while other resources use it (they fail at run time until fixed)', default: false }),
  };

  async run(): Promise<DeleteResult> {
    const { args, flags } = await this.parse(Delete);
    const kind = resolveKindArg(args.kind);
    const client = this.connect(flags.context);
    await client.delete(kind, flags.namespace, args.name, flags.force ? { force: true } : {});
    this.print(`${kind.kind.toLowerCase()}/${args.name} deleted\n`);
    return { formatVersion: 1, deleted: { kind: kind.kind, namespace: flags.namespace, name: args.name } };
  }
}
