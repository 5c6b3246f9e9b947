import { ControlPlaneCommand } from '../cli/base-command.js';
import { filenameFlag } from '../cli/flags.js';
import { runImperativeFromFiles, type ImperativeRunResult } from '../cli/imperative-run.js';
import { EXIT_CODES } from '../cli/exit-codes.js';

export default class Apply extends ControlPlaneCommand {
  static override summary = 'Create or update resources from manifests (-f FILE|DIR|-).';
  static override description = `The imperative path: each document is created or replaced as it is, without a plan
and without deleting anything. Prints one line per document: created, configured or
unchanged. Documents are sent Secrets first. A Secret manifest without values (declared by
name only) creates an empty Secret when missing and never wipes existing values; set
values with \`pai create secret NAME --from-literal KEY=VALUE\`. All input is read and
checked before anything is sent.`;
  static override examples = [
    '<%= config.bin %> apply -f model-provider.yaml',
    '<%= config.bin %> apply -f ./config',
    'cat agent.yaml | <%= config.bin %> apply -f -',
  ];
  static override enableJsonFlag = true;
  static override flags = { filename: filenameFlag };

  async run(): Promise<ImperativeRunResult> {
    const { flags } = await this.parse(Apply);
    const result = await runImperativeFromFiles(flags.filename, 'apply', {
      connect: () => this.connect(flags.context),
      print: (text) => this.print(text),
      printError: (text) => this.note(text),
      server: () => this.serverUrl,
    });
    if (result.failed > 0) process.exitCode = EXIT_CODES.error;
    return result;
  }
}
