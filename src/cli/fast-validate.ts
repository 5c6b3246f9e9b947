import { parseArgs } from 'node:util';
import { parseDiagnosticFormat, DIAGNOSTIC_FORMATS } from '../render/diagnostics/index.js';
import { VALIDATE_FLAGS } from './validate-options.js';
import { runValidate } from './validate-run.js';

/**
 * `pai validate` without oclif: importing @oclif/core alone costs ~65 ms, most of the 90 ms a
 * pre-commit run may take. bin/run.js sends plain `validate` invocations here; `--help` and
 * anything unusual still go through oclif, which builds the same flags from VALIDATE_FLAGS.
 */
export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: VALIDATE_FLAGS.format.char },
        strict: { type: 'boolean' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        changed: { type: 'boolean' },
        base: { type: 'string' },
        root: { type: 'string' },
      },
    });
  } catch (err) {
    process.stderr.write(`Error: ${(err as Error).message}\nSee more help with --help\n`);
    return 1;
  }
  const { values, positionals } = parsed;
  const format = parseDiagnosticFormat(values.format ?? VALIDATE_FLAGS.format.default);
  if (!format) {
    process.stderr.write(`Error: unknown format "${values.format}"; use one of: ${DIAGNOSTIC_FORMATS.join(', ')}\n`);
    return 1;
  }
  const color = values['no-color'] ? false : values.color;
  try {
    const { output, exitCode, note } = await runValidate({
      paths: positionals,
      format,
      strict: values.strict ?? false,
      ...(color !== undefined ? { color } : {}),
      ...(values.changed ? { changedBase: values.base ?? VALIDATE_FLAGS.base.default } : {}),
      ...(values.root !== undefined ? { root: values.root } : {}),
    });
    process.stdout.write(output);
    if (note) process.stderr.write(note);
    return exitCode;
  } catch (err) {
    // Only environment problems get here (e.g. --changed outside git); bad manifests are diagnostics.
    process.stderr.write(`Error: ${(err as Error).message}\n`);
    return 1;
  }
}
