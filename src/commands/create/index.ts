import { ControlPlaneCommand } from '../../cli/base-command.js';
import { filenameFlag } from '../../cli/flags.js';
import { runImperativeFromFiles, type ImperativeRunResult } from '../../cli/imperative-run.js';
import { EXIT_CODES } from '../../cli/exit-codes.js';

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
    const result = await runImperativeFromFiles(flags.filename, 'create', {
      connect: () => this.connect(flags.context),
      print: (text) => this.print(text),
      printError: (text) => this.note(text),
      server: () => this.serverUrl,
    });
    if (result.failed > 0) process.exitCode = EXIT_CODES.error;
    return result;
  }
}
