import { Args } from '@oclif/core';
import type { ControlPlane } from '../../api/control-plane.js';
import type { Resource } from '../../api/wire.js';
import { DEPENDED_ON_KINDS, dependenciesOf } from '../../compiler/check/dependencies.js';
import { KINDS, type KindInfo } from '../../api/kinds.js';
import { ControlPlaneCommand } from '../base-command.js';
import { namespaceFlag } from '../flags.js';
import { KIND_ARG_DESCRIPTION, resolveKindArg } from '../kind-arg.js';
import { renderDescribe, type UsedBy } from '../render/resources/describe.js';
import { withoutSecretValues } from '../render/resources/structured.js';

/** The `--json` payload of `pai describe`. */
export interface DescribeResult {
  formatVersion: 1;
  resource: Resource;
  /** The resources that name this one (absent for kinds nothing can name: AccessKeys). */
  usedBy?: UsedBy[];
}

export default class Describe extends ControlPlaneCommand {
  static override summary = 'Show one resource in detail.';
  static override description =
    'A readable view of the metadata, spec and status, and "Used by:" — the resources that name this one. A Secret shows its key names and their fingerprints, never the values.';
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
    const [got, usedBy] = await Promise.all([client.get(kind, flags.namespace, args.name), usersOf(client, kind, flags.namespace, args.name)]);
    const resource = withoutSecretValues(got);
    this.print(renderDescribe(resource, new Date(), usedBy));
    return { formatVersion: 1, resource, ...(usedBy ? { usedBy } : {}) };
  }
}

/** The resources of `namespace` that name `kind/name`, with the same rule as the server's delete check. */
async function usersOf(client: ControlPlane, kind: KindInfo, namespace: string, name: string): Promise<UsedBy[] | undefined> {
  if (!DEPENDED_ON_KINDS.has(kind.kind)) return undefined;
  const lists = await Promise.all(KINDS.filter((k) => k.kind !== 'Secret').map((k) => client.list(k, namespace, { omitLastApplied: true })));
  const out: UsedBy[] = [];
  for (const item of lists.flatMap((l) => l.items)) {
    const r = { key: { kind: item.kind, namespace, name: item.metadata.name }, manifest: item as unknown as Record<string, unknown> };
    for (const d of dependenciesOf(r)) if (d.kind === kind.kind && d.name === name) out.push({ kind: item.kind, name: item.metadata.name, pointer: d.pointer });
  }
  return out;
}
