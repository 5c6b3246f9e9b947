/**
 * Entry point of the GitHub Action (action.yml runs `node dist/action/main.js`): wires the real
 * process, file system and network into runAction and sets the step's exit code.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fetch } from 'undici';
import { createPaiRunner, paiEnvironment } from './pai-process.js';
import { runAction } from './run-action.js';

const binPath = fileURLToPath(new URL('../../bin/run.js', import.meta.url));

process.exitCode = await runAction({
  env: process.env,
  io: {
    write: (text) => void process.stdout.write(text),
    appendFile: (file, text) => appendFileSync(file, text),
    readText: (file) => readFileSync(file, 'utf8'),
  },
  fetch: (url, init) => fetch(url, init),
  createRunner: ({ server, token, cwd }) => createPaiRunner({ binPath, cwd, env: paiEnvironment(process.env, { server, token }) }),
});
