import { parseArgs } from 'node:util';
import type { PlanFormat } from '../render/plan/index.js';
import { connectControlPlane } from './connect.js';
import { describeError, formatErrorReport } from './error-report.js';
import { EXIT_CODES } from './exit-codes.js';
import { PLAN_FLAGS } from './plan-options.js';
import { runPlan } from './plan-run.js';
import { redact, registerSensitiveArgv } from './sensitive.js';
import { UserError } from '../lib/user-error.js';

/**
 * `pai plan` without oclif, which with its dependencies costs ~100 ms of a plan that should take
 * under a second. bin/run.js sends plain `plan` invocations here; `--help` still goes through
 * oclif, which builds the same flags from PLAN_FLAGS. Errors read as they do from every command
 * (see base-command.ts): one sentence and a hint, never a stack trace.
 */
export async function main(argv: string[]): Promise<number> {
  registerSensitiveArgv(argv);
  let server: string | undefined;
  let close: (() => Promise<void>) | undefined;
  try {
    const request = parsePlanArgs(argv);
    const { client, server: url } = connectControlPlane(request.context);
    server = url;
    close = () => client.close();
    return await runPlan(request, client, url);
  } catch (err) {
    process.stderr.write(formatErrorReport(describeError(err, server ? { server } : {})));
    if (process.env.PAI_DEBUG && err instanceof Error && err.stack) process.stderr.write(redact(err.stack) + '\n');
    return EXIT_CODES.error;
  } finally {
    await close?.();
  }
}

/** PLAN_FLAGS (and the base --context) for util.parseArgs; the type keeps the two lists equal. */
const PARSE_OPTIONS = {
  format: { type: 'string' },
  out: { type: 'string' },
  'detailed-exitcode': { type: 'boolean' },
  prune: { type: 'boolean' },
  strict: { type: 'boolean' },
  source: { type: 'string' },
  'diagnostics-format': { type: 'string' },
  adopt: { type: 'boolean' },
  context: { type: 'string' },
} as const satisfies { [K in keyof typeof PLAN_FLAGS]: { type: (typeof PLAN_FLAGS)[K]['type'] } } & { context: { type: 'string' } };

function parsePlanArgs(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: PARSE_OPTIONS });
  } catch (err) {
    throw new UserError((err as Error).message, 'see `pai plan --help` for the usage of this command');
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new UserError(`unexpected argument: ${positionals[1]}`, 'give one directory (or file) of manifests; see `pai plan --help`');
  const format = values.format ?? PLAN_FLAGS.format.default;
  if (!(PLAN_FLAGS.format.options as readonly string[]).includes(format)) {
    throw new UserError(`Expected --format=${format} to be one of: ${PLAN_FLAGS.format.options.join(', ')}`, 'see `pai plan --help` for the usage of this command');
  }
  return {
    path: positionals[0] ?? '.',
    format: format as PlanFormat,
    detailedExitcode: values['detailed-exitcode'] ?? false,
    prune: values.prune ?? false,
    strict: values.strict ?? false,
    adopt: values.adopt ?? false,
    diagnosticsFormat: diagnosticsFormat(values['diagnostics-format']),
    ...(values.source !== undefined ? { source: values.source } : {}),
    ...(values.out !== undefined ? { out: values.out } : {}),
    ...(values.context !== undefined ? { context: values.context } : {}),
  };
}

function diagnosticsFormat(value: string | undefined): 'text' | 'github' {
  const format = value ?? PLAN_FLAGS['diagnostics-format'].default;
  if (format === 'text' || format === 'github') return format;
  throw new UserError(`Expected --diagnostics-format=${format} to be one of: ${PLAN_FLAGS['diagnostics-format'].options.join(', ')}`, 'see `pai plan --help` for the usage of this command');
}
