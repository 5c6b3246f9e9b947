/**
 * The pai CLI inside the bundled Action (action/dist/pai-cli.js, built by
 * scripts/bundle-action.mjs; main.ts starts it as `node pai-cli.js validate|plan|apply ...`).
 * The commands are the same oclif command classes `pai` runs, with the same flags, output and
 * errors; only their discovery differs: a bundle has no dist/commands to find them in, so they
 * come from this table and oclif gets package.json's settings without the `commands` directory.
 * When the CLI itself is one bundle with an explicit command table, the Action bundles that
 * entry instead and this file goes.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { flush, handle, type Command } from '@oclif/core';
import Apply from '../commands/apply.js';
import Plan from '../commands/plan.js';
import Validate from '../commands/validate.js';
import { EXIT_CODES } from '../cli/exit-codes.js';
import { guardStderr } from '../cli/sensitive.js';

/** The commands the action runs (see validate-mode.ts, plan-mode.ts, apply-mode.ts). */
const COMMANDS: Record<string, Command.Class> = { validate: Validate, plan: Plan, apply: Apply };

const [id = '', ...argv] = process.argv.slice(2);
// oclif's own DEBUG logging prints raw argv before any command runs (as in bin/run.js).
if (process.env.DEBUG) guardStderr(argv);
const command = Object.hasOwn(COMMANDS, id) ? COMMANDS[id] : undefined;
if (command) {
  // package.json sits two levels up, from src/action/ as from action/dist/ (VERSION reads it too).
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const { oclif, ...pjson } = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { oclif: Record<string, unknown> };
  const { commands: _discoveredFromFiles, ...settings } = oclif;
  await command.run(argv, { root, pjson: { ...pjson, oclif: settings } as never }).then(() => flush(), handle);
} else {
  process.stderr.write(`pai: the action's pai runs ${Object.keys(COMMANDS).join(', ')}, not "${id}"\n`);
  process.exitCode = EXIT_CODES.error;
}
