import { Args, Flags } from '@oclif/core';
import type { Resource } from '../resources/wire.js';
import { ControlPlaneCommand } from '../cli/base-command.js';
import { namespaceFlag } from '../cli/flags.js';
import { displayPlural, KIND_ARG_DESCRIPTION, resolveKindArg } from '../cli/kind-arg.js';
import { UserError } from '../lib/user-error.js';
import { renderGetTable } from '../render/resources/get-table.js';
import { renderStructured, withoutSecretValues } from '../render/resources/structured.js';

/** The `--json` payload of `pai get`. */
export interface GetResult {
  formatVersion: 1;
  kind: string;
  /** The namespace listed; absent with --all-namespaces. */
  namespace?: string;
  items: Resource[];
}

export default class Get extends ControlPlaneCommand {
  static override summary = 'List the resources of a kind, or show one.';
  static override description = `Columns follow the Pai documentation: model-providers NAME PROVIDER ENDPOINT MAX/DAY
LAST USED AGE, secrets NAME KEYS AGE (key names only; values are never returned),
agents NAME HARNESS MODELS AGE. An em dash marks an empty cell.`;
  static override examples = [
    '<%= config.bin %> get model-providers',
    '<%= config.bin %> get mp nvidia -o yaml',
    '<%= config.bin %> get secrets -n team-a',
    '<%= config.bin %> get agents -A -o wide',
  ];
  static override enableJsonFlag = true;
  static override args = {
    kind: Args.string({ ignoreStdin: true, description: KIND_ARG_DESCRIPTION, required: true }),
    name: Args.string({ ignoreStdin: true, description: 'show only this resource', required: false }),
  };
  static override flags = {
    output: Flags.string({ char: 'o', description: 'output format', options: ['table', 'wide', 'json', 'yaml'], default: 'table' }),
    namespace: namespaceFlag,
    'all-namespaces': Flags.boolean({ char: 'A', description: 'list across all namespaces', default: false }),
  };

  async run(): Promise<GetResult> {
    const { args, flags } = await this.parse(Get);
    const kind = resolveKindArg(args.kind);
    const all = flags['all-namespaces'];
    if (all && args.name) throw new UserError('a name cannot be combined with --all-namespaces', 'give the namespace with -n instead');
    const client = this.connect(flags.context);

    let items: Resource[];
    let structured: unknown;
    if (args.name) {
      const one = withoutSecretValues(await client.get(kind, flags.namespace, args.name));
      items = [one];
      structured = one;
    } else {
      const list = await client.list(kind, all ? undefined : flags.namespace);
      items = list.items.map(withoutSecretValues);
      structured = { ...list, items };
    }

    if (flags.output === 'json' || flags.output === 'yaml') {
      this.print(renderStructured(structured, flags.output));
    } else if (items.length === 0) {
      this.note(`No ${displayPlural(kind)} found${all ? '' : ` in namespace ${flags.namespace}`}.`);
    } else {
      this.print(renderGetTable(items, { kind: kind.kind, wide: flags.output === 'wide', allNamespaces: all, now: new Date() }));
    }
    return { formatVersion: 1, kind: kind.kind, ...(all ? {} : { namespace: flags.namespace }), items };
  }
}
