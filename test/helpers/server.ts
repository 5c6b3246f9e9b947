import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { PAI_BIN, REPO_ROOT } from './cli.js';
import { emptyDataDir } from './data-dir.js';

export interface RunningServer {
  url: string;
  /** The admin token the server was bootstrapped with. */
  token: string;
  dataDir: string;
  /** Everything the server wrote to stdout and stderr so far (for leak checks). */
  output(): string;
  /** Graceful stop (SIGTERM), waits for exit. */
  stop(): Promise<void>;
  /** Hard kill (SIGKILL), waits for exit. */
  kill(): Promise<void>;
}

/**
 * Starts the real `pai server` on 127.0.0.1 with an ephemeral port and an empty temp data dir (a
 * first start: initdb; most tests pass `freshDataDir()`, a copy of the initdb template, or a
 * server's dir again, to test restarts). Resolves once the server logs the URL it listens on.
 */
export async function startServer(
  opts: { dataDir?: string; token?: string; env?: Record<string, string>; args?: string[] } = {},
): Promise<RunningServer> {
  const dataDir = opts.dataDir ?? emptyDataDir();
  const token = opts.token ?? `pai_tok_${randomBytes(24).toString('hex')}`;
  const child: ChildProcess = spawn(
    process.execPath,
    [PAI_BIN, 'server', '--host', '127.0.0.1', '--port', '0', '--data-dir', dataDir, ...(opts.args ?? [])],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, PAI_BOOTSTRAP_ADMIN_TOKEN: token, ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`pai server did not start in time:\n${out}`)), 120_000);
    const onData = (d: Buffer) => {
      out += d.toString('utf8');
      // The server logs JSON lines; the "listening" line carries the URL.
      for (const line of out.split('\n')) {
        if (!line.startsWith('{')) continue;
        try {
          const rec = JSON.parse(line) as { msg?: string; url?: string };
          if (rec.msg === 'listening' && rec.url) {
            clearTimeout(timer);
            resolve(rec.url);
            return;
          }
        } catch {
          /* partial line */
        }
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`pai server exited with ${code} before listening:\n${out}`));
    });
  });
  child.stdout!.on('data', (d: Buffer) => (out += d.toString('utf8')));
  return {
    url,
    token,
    dataDir,
    output: () => out,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}
