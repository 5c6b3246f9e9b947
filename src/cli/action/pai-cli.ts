/**
 * The pai CLI inside the bundled Action (action/dist/pai-cli.js, built by
 * scripts/bundle-action.mjs; main.ts starts it as `node pai-cli.js validate|plan|apply ...`).
 * The commands are the same oclif command classes `pai` runs, with the same flags, output and
 * errors; only their discovery differs: the Action's checkout has no dist/ (no commands
 * directory, no CLI bundle for oclif to import by path), so they come from this table and oclif
 * gets package.json's settings without `commands`. The classes come from the CLI's own command table
 * (src/cli/commands/index.ts).
 */
import { readFileSync } from 'node:fs';
import { flush, handle, type Command, type Interfaces } from '@oclif/core';
import { packagePath } from '../../lib/package-root.js';
import { COMMANDS as ALL_COMMANDS } from '../commands/index.js';
import { EXIT_CODES } from '../exit-codes.js';
import { guardStderr } from '../sensitive.js';

/** The commands the action runs (see validate-mode.ts, plan-mode.ts, apply-mode.ts). */
const COMMANDS: Record<string, Command.Class> = { validate: ALL_COMMANDS.validate, plan: ALL_COMMANDS.plan, apply: ALL_COMMANDS.apply };

const [id = '', ...argv] = process.argv.slice(2);
// oclif's own DEBUG logging prints raw argv before any command runs (as in bin/run.js).
if (process.env.DEBUG) guardStderr(argv);
const command = Object.hasOwn(COMMANDS, id) ? COMMANDS[id] : undefined;
if (command) {
  const root = packagePath();
  const pjson = JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as Interfaces.PJSON;
  const { commands: _discoveredFromFiles, ...settings } = pjson.oclif;
  // No user plugins: whatever is installed in the runner's ~/.local/share/pai is not the action's.
  await command.run(argv, { root, pjson: { ...pjson, oclif: settings }, userPlugins: false }).then(() => flush(), handle);
} else {
  process.stderr.write(`pai: the action's pai runs ${Object.keys(COMMANDS).join(', ')}, not "${id}"\n`);
  process.exitCode = EXIT_CODES.error;
}
