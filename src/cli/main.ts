import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Config, flush, run, settings, type Interfaces } from '@oclif/core';
import { describeError, formatErrorReport } from './error-report.js';
import { EXIT_CODES } from './exit-codes.js';
import { guardStderr, redact } from './sensitive.js';
import { unknownCommandError } from './usage.js';

// The one entry of the CLI: scripts/bundle-cli.mjs bundles this module, oclif and every command
// into dist/bundle/pai.mjs, and package.json's `oclif.commands` points oclif's `explicit` command
// discovery at the COMMANDS export of that same file, so no command directory is globbed and no
// module is resolved on disk before a command runs.
export { COMMANDS } from './commands/index.js';

/** Runs `pai ARGV`; the exit status is left in process.exitCode. */
export async function main(argv: string[]): Promise<void> {
  // A reader that stops early (`pai plan --format json | head`) closes the pipe: stop quietly, as
  // command-line tools do, rather than die on the unhandled EPIPE with a stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  // oclif's own DEBUG logging prints raw argv (an --api-key value among it) before any command runs.
  if (process.env.DEBUG) guardStderr(argv);
  // The package ships compiled JavaScript: never look for tsconfig.json or a TypeScript loader
  // (oclif does when NODE_ENV is test or development, and that loads the typescript package).
  settings.enableAutoTranspile = false;
  // The package root (package.json with its `oclif` section) is two levels up, as from dist/cli.
  // Handing oclif the parsed package.json spares it a search for other oclif config files.
  const root = new URL('../../', import.meta.url).pathname;
  const pjson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as Interfaces.PJSON;
  // Otherwise oclif looks, on every start and while the command waits, for files pai never has:
  // user plugins (~/.local/share/pai/package.json; pai has no plugins) and a help colour theme
  // (~/.config/pai/theme.json, read again each time oclif reloads its config, three times a run).
  process.env.PAI_DISABLE_THEME ??= '1';
  const config = await Config.load({ root, pjson, userPlugins: false, devPlugins: false });
  try {
    await run(conventionalArgv(argv), config);
  } catch (err) {
    reportUncaught(err, config);
  } finally {
    flush();
  }
}

/**
 * The spellings people type from habit, mapped onto oclif's: `pai help [COMMAND…]` and `-h` are
 * `--help` (`-h` through package.json's additionalHelpFlags), `pai --version` is `pai version`.
 */
export function conventionalArgv(argv: readonly string[]): string[] {
  if (argv[0] === 'help') return argv.length > 1 ? [...argv.slice(1), '--help'] : ['--help'];
  if (argv[0] === '--version') return ['version', ...argv.slice(1)];
  return [...argv];
}

/**
 * What escaped the commands' own handling (PaiCommand.catch): a deliberate `this.exit(n)`, an
 * unknown command, or a failure before any command ran. Never a stack trace unless PAI_DEBUG.
 */
function reportUncaught(err: unknown, config: Config): void {
  const e = err as Error & { code?: string; oclif?: { exit?: number } };
  if (e.code === 'EEXIT') {
    process.exitCode = e.oclif?.exit ?? EXIT_CODES.error;
    return;
  }
  // "command X not found" from the lookup, "Command X not found." from help.
  const notFound = e instanceof Error ? /^command (\S+) not found\.?$/i.exec(e.message) : null;
  const failure = notFound ? unknownCommandError(notFound[1]!, config.commandIDs) : err;
  process.exitCode = notFound ? EXIT_CODES.usage : EXIT_CODES.error;
  process.stderr.write(formatErrorReport(describeError(failure)));
  if (process.env.PAI_DEBUG && e instanceof Error && e.stack) process.stderr.write(redact(e.stack) + '\n');
}
