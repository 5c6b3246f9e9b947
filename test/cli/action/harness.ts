/** Runs the action's logic with a fake pai and captured side effects, for the mode tests. */
import { mkdtempSync, readFileSync, writeFileSync, appendFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fetch } from 'undici';
import type { PaiResult } from '../../../src/cli/action/pai-process.js';
import { runAction } from '../../../src/cli/action/run-action.js';

export interface PaiCall {
  args: string[];
  stream: boolean;
  connection: { server?: string; token?: string; cwd: string };
}

export interface ActionRun {
  code: number;
  log: string;
  summary: string;
  outputs: string;
  calls: PaiCall[];
}

export const PAI_TOKEN = 'pai_tok_supersecret0123456789';

/**
 * The environment the action's step sees on a pull_request event: INPUT_* for its inputs and
 * GITHUB_* from the runner, and an event payload file.
 */
export function actionEnv(overrides: Record<string, string | undefined> = {}, event: object = { pull_request: { number: 7 } }): Record<string, string | undefined> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pai-action-'));
  const eventPath = path.join(dir, 'event.json');
  writeFileSync(eventPath, JSON.stringify(event));
  writeFileSync(path.join(dir, 'summary.md'), '');
  writeFileSync(path.join(dir, 'output.txt'), '');
  return {
    INPUT_PATH: 'config',
    INPUT_MODE: 'plan',
    INPUT_SERVER: 'http://127.0.0.1:9',
    INPUT_TOKEN: PAI_TOKEN,
    'INPUT_GITHUB-TOKEN': '',
    INPUT_PRUNE: 'false',
    INPUT_ARGS: '',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: 'acme/pai-config',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '42',
    GITHUB_STEP_SUMMARY: path.join(dir, 'summary.md'),
    GITHUB_OUTPUT: path.join(dir, 'output.txt'),
    GITHUB_WORKSPACE: dir,
    RUNNER_TEMP: dir,
    ...overrides,
  };
}

/** Runs the action; `pai` answers from `respond` (by subcommand) instead of starting a process. */
export async function runActionWith(env: Record<string, string | undefined>, respond: (args: string[]) => Partial<PaiResult>): Promise<ActionRun> {
  const calls: PaiCall[] = [];
  let log = '';
  const code = await runAction({
    env,
    io: { write: (t) => void (log += t), appendFile: (f, t) => appendFileSync(f, t), readText: (f) => readFileSync(f, 'utf8') },
    fetch: (url, init) => fetch(url, init),
    createRunner: (connection) => async (args, { stream }) => {
      calls.push({ args: [...args], stream, connection });
      return { code: 0, stdout: '', stderr: '', ...respond([...args]) };
    },
  });
  const read = (name: string | undefined) => (name && existsSync(name) ? readFileSync(name, 'utf8') : '');
  return { code, log, summary: read(env.GITHUB_STEP_SUMMARY), outputs: read(env.GITHUB_OUTPUT), calls };
}
