import { Args } from '@oclif/core';
import type { Resource } from '../client/types.js';
import { ControlPlaneCommand } from '../cli/base-command.js';
import { namespaceFlag } from '../cli/flags.js';
import { KIND_ARG_DESCRIPTION, resolveKindArg } from '../cli/kind-arg.js';
import { renderDescribe } from '../render/resources/describe.js';
import { withoutSecretValues } from '../render/resources/structured.js';

/** The `--json` payload of `pai describe`. */
export interface DescribeResult {
  formatVersion: 1;
  resource: Resource;
}

export default class Describe extends ControlPlaneCommand {
  static override summary = 'Show one resource in detail.';
  static override description = 'A readable view of the metadata, spec and status. A Secret shows its key names and their fingerprints, never the values.';
  static override examples = ['<%= config.bin %> describe model-provider nvidia', '<%= config.bin %> describe secret anthropic-key -n team-a'];
  static override enableJsonFlag = true;
  static override args = {
    kind: Args.string({ ignoreStdin: true, description: KIND_ARG_DESCRIPTION, required: true }),
    name: Args.string({ ignoreStdin: true, description: 'name of the resource', required: true }),
  };
  static override flags = { namespace: namespaceFlag };

  async run(): Promise<DescribeResult> {
    const { args, flags } = await this.parse(Describe);
    const kind = resolveKindArg(args.kind);
    const client = this.connect(flags.context);
    const resource = withoutSecretValues(await client.get(kind, flags.namespace, args.name));
    this.print(renderDescribe(resource, new Date()));
    return { formatVersion: 1, resource };
  }
}
