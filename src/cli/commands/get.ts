import { Args, Flags } from '@oclif/core';
import type { Resource } from '../../api/wire.js';
import { ControlPlaneCommand } from '../base-command.js';
import { namespaceFlag } from '../flags.js';
import { displayPlural, KIND_ARG_DESCRIPTION, resolveKindList } from '../kind-arg.js';
import { matchesLabels, parseLabelSelector } from '../label-selector.js';
import { OUTPUT_FORMATS, parseOutputFormat } from '../output-format.js';
import { UserError } from '../../lib/user-error.js';
import { renderGetTable } from '../render/resources/get-table.js';
import { renderJsonPath, selectJsonPath } from '../render/resources/jsonpath.js';
import { renderStructured, withoutSecretValues } from '../render/resources/structured.js';
import { API_VERSION, type KindInfo } from '../../api/kinds.js';

/** The `--json` payload of `pai get`. */
export interface GetResult {
  formatVersion: 1;
  /** The kind listed; `List` when several kinds were asked for (`get mp,agents`, `get all`). */
  kind: string;
  /** The namespace listed; absent with --all-namespaces. */
  namespace?: string;
  items: Resource[];
}

export default class Get extends ControlPlaneCommand {
  static override summary = 'List the resources of one or more kinds, or show one.';
  static override description = `Columns follow the Pai documentation: model-providers NAME PROVIDER ENDPOINT MAX/DAY
LAST USED AGE, secrets NAME KEYS AGE (key names only; values are never returned),
agents NAME HARNESS MODELS AGE. An em dash marks an empty cell.

KIND may list several kinds (mp,agents) or be \`all\`. -l filters on metadata.labels
(key=value, key!=value, key, !key; comma means and). -o name prints kind/name lines;
-o jsonpath=TEMPLATE supports {.path}, [N], [*], ['key'], {range …}{end} and {"\\n"}.`;
  static override examples = [
    '<%= config.bin %> get model-providers',
    '<%= config.bin %> get mp nvidia -o yaml',
    '<%= config.bin %> get secrets -n team-a',
    '<%= config.bin %> get agents -A -o wide',
    '<%= config.bin %> get mp,agents -l team=search',
    '<%= config.bin %> get all -o name',
    "<%= config.bin %> get mp -o jsonpath='{.items[*].metadata.name}' --sort-by=.metadata.name",
  ];
  static override enableJsonFlag = true;
  static override args = {
    kind: Args.string({ ignoreStdin: true, description: `${KIND_ARG_DESCRIPTION}; several joined by commas, or all`, required: true }),
    name: Args.string({ ignoreStdin: true, description: 'show only this resource', required: false }),
  };
  static override flags = {
    output: Flags.string({ char: 'o', description: `output format: ${OUTPUT_FORMATS.join(', ')}`, default: 'table' }),
    namespace: namespaceFlag,
    'all-namespaces': Flags.boolean({ char: 'A', description: 'list across all namespaces', default: false }),
    selector: Flags.string({ char: 'l', description: 'only resources whose labels match (key=value, key!=value, key, !key; comma-separated)' }),
    'sort-by': Flags.string({ description: 'sort by the value at this JSONPath of each resource (e.g. .metadata.name, .spec.maxTokensPerDay)' }),
  };

  async run(): Promise<GetResult> {
    const { args, flags } = await this.parse(Get);
    const kinds = resolveKindList(args.kind);
    const output = parseOutputFormat(flags.output);
    const selector = flags.selector === undefined ? undefined : parseLabelSelector(flags.selector);
    const all = flags['all-namespaces'];
    if (all && args.name) throw new UserError('a name cannot be combined with --all-namespaces', 'give the namespace with -n instead');
    if (kinds.length > 1 && args.name) throw new UserError('a name needs exactly one kind', `e.g. \`pai get ${displayPlural(kinds[0]!)} ${args.name}\``);
    const client = this.connect(flags.context);

    const groups: Array<{ kind: KindInfo; items: Resource[] }> = [];
    let single: Resource | undefined;
    let listed: Record<string, unknown> | undefined;
    if (args.name) {
      single = withoutSecretValues(await client.get(kinds[0]!, flags.namespace, args.name));
      groups.push({ kind: kinds[0]!, items: [single] });
    } else {
      const lists = await Promise.all(kinds.map((k) => client.list(k, all ? undefined : flags.namespace)));
      lists.forEach((list, i) => groups.push({ kind: kinds[i]!, items: list.items.map(withoutSecretValues) }));
      if (kinds.length === 1) listed = { ...lists[0]! };
    }
    for (const group of groups) {
      if (selector) group.items = group.items.filter((r) => matchesLabels(selector, r.metadata.labels));
      if (flags['sort-by']) group.items = sortedBy(group.items, flags['sort-by']);
    }
    const items = groups.flatMap((g) => g.items);
    // What -o json|yaml|jsonpath see: the resource, the server's list, or a List of several kinds (as kubectl).
    const structured = single && items.length === 1 ? single : listed ? { ...listed, items } : { apiVersion: API_VERSION, kind: 'List', items };

    if (output.kind === 'json' || output.kind === 'yaml') this.print(renderStructured(structured, output.kind));
    else if (output.kind === 'jsonpath') this.print(renderJsonPath(output.template, structured));
    else if (output.kind === 'name') this.print(items.map((r) => `${r.kind.toLowerCase()}/${r.metadata.name}\n`).join(''));
    else if (items.length === 0) {
      const what = kinds.length === 1 ? displayPlural(kinds[0]!) : 'resources';
      this.note(`No ${what} found${all ? '' : ` in namespace ${flags.namespace}`}${selector ? ` matching -l ${flags.selector}` : ''}.`);
    } else {
      const tables = groups
        .filter((g) => g.items.length > 0)
        .map((g) => renderGetTable(g.items, { kind: g.kind.kind, wide: output.kind === 'wide', allNamespaces: all, now: new Date(), qualifiedNames: kinds.length > 1 }));
      this.print(tables.join('\n'));
    }
    return { formatVersion: 1, kind: kinds.length === 1 ? kinds[0]!.kind : 'List', ...(all ? {} : { namespace: flags.namespace }), items };
  }
}

/** Items ordered by the first value at `path` (numbers by value, the rest as text); items without one go last. */
function sortedBy(items: readonly Resource[], path: string): Resource[] {
  let keyed: Array<{ item: Resource; key: unknown }>;
  try {
    keyed = items.map((item) => ({ item, key: selectJsonPath(path, item)[0] }));
  } catch (err) {
    throw new UserError(`--sort-by: ${(err as Error).message}`, 'e.g. --sort-by=.metadata.name');
  }
  const rank = (v: unknown) => (v === undefined ? 2 : typeof v === 'number' ? 0 : 1);
  return keyed
    .sort((a, b) => {
      const ra = rank(a.key);
      const rb = rank(b.key);
      if (ra !== rb) return ra - rb;
      if (ra === 0) return (a.key as number) - (b.key as number);
      const ta = typeof a.key === 'string' ? a.key : JSON.stringify(a.key);
      const tb = typeof b.key === 'string' ? b.key : JSON.stringify(b.key);
      return ta < tb ? -1 : ta > tb ? 1 : 0;
    })
    .map((k) => k.item);
}
