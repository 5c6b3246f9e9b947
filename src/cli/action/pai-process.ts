import { spawn } from 'node:child_process';

/** What one run of the pai CLI produced. */
export interface PaiResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `pai <args>`. With `stream`, output also goes to the job log as it comes (annotations
 * from `validate --format github` must reach the runner on stdout; a long apply shows
 * progress); without it, output is only captured (the JSON plan is rendered by the action).
 * The one place the action starts processes, so it is easy to adapt when pai's flags change.
 */
export type PaiRunner = (args: readonly string[], opts: { stream: boolean }) => Promise<PaiResult>;

export interface PaiProcessOptions {
  /** The pai CLI to start with node: the action's pai-cli.js (see pai-cli.ts). */
  binPath: string;
  cwd: string;
  /** The environment pai runs in: the runner's, plus PAI_SERVER and PAI_TOKEN. */
  env: Record<string, string>;
}

/** A PaiRunner that starts the CLI with the current Node (never through a shell). */
export function createPaiRunner(options: PaiProcessOptions): PaiRunner {
  return (args, { stream }) =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [options.binPath, ...args], { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        stdout += d;
        if (stream) process.stdout.write(d);
      });
      child.stderr.setEncoding('utf8').on('data', (d: string) => {
        stderr += d;
        if (stream) process.stderr.write(d);
      });
      child.on('error', reject);
      child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), stdout, stderr }));
    });
}

/**
 * The environment for pai: the runner's own, without the action's inputs (the GitHub token has
 * no business in pai's environment), with the control plane's URL and token as PAI_SERVER and
 * PAI_TOKEN. Tokens travel only this way, never as arguments, which the log and `ps` would show.
 */
export function paiEnvironment(base: Readonly<Record<string, string | undefined>>, connection: { server?: string; token?: string }): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(base)) if (v !== undefined && !k.startsWith('INPUT_')) env[k] = v;
  if (connection.server) env.PAI_SERVER = connection.server;
  if (connection.token) env.PAI_TOKEN = connection.token;
  return env;
}
