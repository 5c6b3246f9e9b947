import { Args } from '@oclif/core';
import { ControlPlaneCommand } from '../../base-command.js';
import { namespaceFlag } from '../../flags.js';
import { registerSensitive } from '../../sensitive.js';

/** The `--json` payload of `pai access-key rotate`: the new key, shown once. */
export interface AccessKeyRotateResult {
  formatVersion: 1;
  namespace: string;
  name: string;
  key: string;
  keyId: string;
}

export default class AccessKeyRotate extends ControlPlaneCommand {
  static override summary = 'Mint a new key for an AccessKey (the old key stops working) and print it once.';
  static override description = `Also mints the first key of an AccessKey applied from git (pai apply creates AccessKeys
without a key: keys never live in a repository). The key goes to stdout alone.`;
  static override examples = ['<%= config.bin %> access-key rotate alice-laptop', 'KEY=$(<%= config.bin %> access-key rotate ci -n team-a)'];
  static override enableJsonFlag = true;
  static override args = { name: Args.string({ ignoreStdin: true, description: 'name of the AccessKey', required: true }) };
  static override flags = { namespace: namespaceFlag };

  async run(): Promise<AccessKeyRotateResult> {
    const { args, flags } = await this.parse(AccessKeyRotate);
    const minted = await this.connect(flags.context).accessKeys.mint(flags.namespace, args.name);
    if (!this.jsonEnabled()) process.stdout.write(`${minted.key}\n`);
    registerSensitive(minted.key);
    const keyId = String(minted.accessKey.status?.keyId ?? '');
    this.note(`accesskey/${args.name}: new key ${keyId}; the previous key no longer works. It is shown only this once — store it now`);
    return { formatVersion: 1, namespace: flags.namespace, name: args.name, key: minted.key, keyId };
  }
}
