import { Flags } from '@oclif/core';
import { ControlPlaneCommand } from '../../base-command.js';
import { namespaceFlag } from '../../flags.js';
import { accessKeyItems, type AccessKeyListItem } from '../../render/resources/access-key-table.js';
import { renderGetTable } from '../../render/resources/get-table.js';

/** The `--json` payload of `pai access-key list`: never a key, only key ids. */
export interface AccessKeyListResult {
  formatVersion: 1;
  items: AccessKeyListItem[];
}

export default class AccessKeyList extends ControlPlaneCommand {
  static override summary = 'List AccessKeys: what they are bound to, their key id (never the key) and use today.';
  static override description = 'The same table as `pai get accesskeys`; -o wide adds providers, allowed models and CIDRs, and age.';
  static override examples = ['<%= config.bin %> access-key list', '<%= config.bin %> access-key list -A -o wide'];
  static override enableJsonFlag = true;
  static override flags = {
    namespace: namespaceFlag,
    'all-namespaces': Flags.boolean({ char: 'A', description: 'list the AccessKeys of every namespace', default: false }),
    output: Flags.string({ char: 'o', description: 'output format', options: ['table', 'wide'], default: 'table' }),
  };

  async run(): Promise<AccessKeyListResult> {
    const { flags } = await this.parse(AccessKeyList);
    const all = flags['all-namespaces'];
    const list = await this.connect(flags.context).list('AccessKey', all ? undefined : flags.namespace);
    if (list.items.length === 0) this.note(`no AccessKeys${all ? '' : ` in namespace ${flags.namespace}`}; create one with \`pai access-key create\``);
    else this.print(renderGetTable(list.items, { kind: 'AccessKey', wide: flags.output === 'wide', allNamespaces: all, now: new Date() }));
    return { formatVersion: 1, items: accessKeyItems(list.items) };
  }
}
