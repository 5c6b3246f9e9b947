import { ControlPlaneCommand } from '../../base-command.js';
import { filenameFlag } from '../../flags.js';
import type { ImperativeRunResult } from '../../imperative-run.js';

export default class Create extends ControlPlaneCommand {
  static override summary = 'Create resources from manifests (-f FILE|DIR|-); fails on what already exists.';
  static override description = `Each document is created; one that already exists is reported (use \`pai apply -f\`
to update it) and the others still go. See also \`pai create model-provider\` and
\`pai create secret\`.`;
  static override examples = ['<%= config.bin %> create -f model-provider.yaml', 'cat secret.yaml | <%= config.bin %> create -f -'];
  static override enableJsonFlag = true;
  static override flags = { filename: filenameFlag };

  async run(): Promise<ImperativeRunResult> {
    const { flags } = await this.parse(Create);
    return this.runFromFiles(flags.filename, 'create', flags.context);
  }
}
