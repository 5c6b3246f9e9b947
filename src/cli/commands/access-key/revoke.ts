import { Args } from '@oclif/core';
import { ControlPlaneCommand } from '../../base-command.js';
import { namespaceFlag } from '../../flags.js';

/** The `--json` payload of `pai access-key revoke`. */
export interface AccessKeyRevokeResult {
  formatVersion: 1;
  namespace: string;
  name: string;
  revoked: true;
}

export default class AccessKeyRevoke extends ControlPlaneCommand {
  static override summary = "Revoke an AccessKey's key: requests with it fail from now on.";
  static override description = `The AccessKey itself stays (it may be managed in git): \`pai access-key rotate NAME\` mints a
new key, \`pai delete access-key NAME\` removes it altogether.`;
  static override examples = ['<%= config.bin %> access-key revoke alice-laptop'];
  static override enableJsonFlag = true;
  static override args = { name: Args.string({ ignoreStdin: true, description: 'name of the AccessKey', required: true }) };
  static override flags = { namespace: namespaceFlag };

  async run(): Promise<AccessKeyRevokeResult> {
    const { args, flags } = await this.parse(AccessKeyRevoke);
    await this.connect(flags.context).accessKeys.revoke(flags.namespace, args.name);
    this.print(`accesskey/${args.name}: key revoked\n`);
    return { formatVersion: 1, namespace: flags.namespace, name: args.name, revoked: true };
  }
}
