/**
 * Entry point of the GitHub Action (action.yml runs the bundle of it, action/dist/main.js): wires the real
 * process, file system and network into runAction and sets the step's exit code.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createPaiRunner, paiEnvironment } from './pai-process.js';
import { runAction } from './run-action.js';

// pai-cli.js beside this file: dist/cli/action/ after tsc, action/dist/ in the bundle action.yml runs.
const binPath = fileURLToPath(new URL('./pai-cli.js', import.meta.url));

process.exitCode = await runAction({
  env: process.env,
  io: {
    write: (text) => void process.stdout.write(text),
    appendFile: (file, text) => appendFileSync(file, text),
    readText: (file) => readFileSync(file, 'utf8'),
  },
  // Node's own fetch (undici inside): the bundle need not carry a second copy.
  fetch: (url, init) => fetch(url, init),
  createRunner: ({ server, token, cwd }) => createPaiRunner({ binPath, cwd, env: paiEnvironment(process.env, { server, token }) }),
});
