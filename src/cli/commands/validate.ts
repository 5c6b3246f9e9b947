import { Args, Flags } from '@oclif/core';
import { PaiCommand } from '../base-command.js';
import type { DiagnosticFormat } from '../render/diagnostics/index.js';
import { VALIDATE_DESCRIPTION, VALIDATE_EXAMPLES, VALIDATE_FLAGS } from '../validate-options.js';

export default class Validate extends PaiCommand {
  static override summary = 'Validate pai manifests offline (for pre-commit and CI).';
  static override description = VALIDATE_DESCRIPTION;
  static override examples = VALIDATE_EXAMPLES;
  static override strict = false;
  static override enableJsonFlag = true;
  static override args = { path: Args.string({ ignoreStdin: true, description: 'files or directories (default: .)', required: false }) };
  static override flags = {
    format: Flags.string({ char: 'o', description: VALIDATE_FLAGS.format.description, options: [...VALIDATE_FLAGS.format.options], default: VALIDATE_FLAGS.format.default }),
    strict: Flags.boolean({ description: VALIDATE_FLAGS.strict.description, default: false }),
    color: Flags.boolean({ description: VALIDATE_FLAGS.color.description, allowNo: true }),
    changed: Flags.boolean({ description: VALIDATE_FLAGS.changed.description, default: false }),
    base: Flags.string({ description: VALIDATE_FLAGS.base.description, default: VALIDATE_FLAGS.base.default }),
    root: Flags.string({ description: VALIDATE_FLAGS.root.description }),
  };

  async run(): Promise<void> {
    const { argv, flags, raw } = await this.parse(Validate);
    // The compiler is loaded only by the commands that compile.
    const { runValidate } = await import('../validate-run.js');
    const { output, exitCode, note } = await runValidate({
      paths: argv as string[],
      format: this.formatWithJson(flags.format as DiagnosticFormat, raw, 'format'),
      strict: flags.strict,
      ...(flags.color !== undefined ? { color: flags.color } : {}),
      ...(flags.changed ? { changedBase: flags.base } : {}),
      ...(flags.root !== undefined ? { root: flags.root } : {}),
    });
    process.stdout.write(output);
    if (note) process.stderr.write(note);
    if (exitCode !== 0) this.exit(exitCode);
  }
}
