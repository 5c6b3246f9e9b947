import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../../src/server/http/data-dir.js';
import { PAI_BIN, REPO_ROOT, runCli } from '../../helpers/cli.js';
import { startServer } from '../../helpers/server.js';
import { freshDataDir } from '../../helpers/data-dir.js';

const tempDir = () => mkdtempSync(path.join(tmpdir(), 'pai-startup-'));

describe('defaultDataDir', () => {
  it.each([
    ['PAI_DATA_DIR wins', { PAI_DATA_DIR: '/data/pai', XDG_DATA_HOME: '/xdg' }, '/data/pai'],
    ['then XDG_DATA_HOME/pai', { XDG_DATA_HOME: '/xdg' }, '/xdg/pai'],
    ['then ~/.local/share/pai', {}, '/home/u/.local/share/pai'],
  ])('%s', (_n, env, expected) => {
    expect(defaultDataDir(env, '/home/u')).toBe(expected);
  });
});

describe('pai server refuses to start, with a clear message and exit 1', () => {
  it.each([
    [
      'a bootstrap token without the pai_tok_ prefix',
      { PAI_BOOTSTRAP_ADMIN_TOKEN: 'secret-but-wrong-prefix' },
      [],
      /PAI_BOOTSTRAP_ADMIN_TOKEN is not an admin token/,
    ],
    ['a too short bootstrap token', { PAI_BOOTSTRAP_ADMIN_TOKEN: 'pai_tok_short' }, [], /at least 16/],
    ['a --database-url that is not postgres://', {}, ['--database-url', 'mysql://localhost/pai'], /must be a postgres:\/\/ or postgresql:\/\/ URL/],
  ])('%s', async (_n, env, extra, message) => {
    const dir = tempDir();
    const res = await runCli(['server', '--port', '0', '--data-dir', dir, ...extra], { env });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(message);
    expect(res.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(res.stderr).not.toContain('secret-but-wrong-prefix');
  });
});

describe('first start without PAI_BOOTSTRAP_ADMIN_TOKEN', () => {
  it('creates a token, tells it once on stderr (not in the JSON log), saves it 0600, and exits 0 on SIGINT', async () => {
    const dir = tempDir();
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'PAI_BOOTSTRAP_ADMIN_TOKEN') env[k] = v;
    const child = spawn(process.execPath, [PAI_BIN, 'server', '--port', '0', '--data-dir', dir], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        const m = /"msg":"listening","url":"([^"]+)"/.exec(stdout);
        if (m) resolve(m[1]!);
      });
      child.on('exit', () => reject(new Error(`exited early:\n${stdout}\n${stderr}`)));
    });
    const token = readFileSync(path.join(dir, 'admin.token'), 'utf8').trim();
    expect(token).toMatch(/^pai_tok_[A-Za-z0-9_-]{43}$/);
    expect(statSync(path.join(dir, 'admin.token')).mode & 0o777).toBe(0o600);
    const whoami = await fetch(`${url}/v1/whoami`, { headers: { authorization: `Bearer ${token}` } });
    expect(await whoami.json()).toEqual({ kind: 'AdminToken', name: 'admin', role: 'admin' });
    expect(stderr).toContain(token);
    expect(stderr.split(token).length - 1).toBe(1);
    expect(stdout).not.toContain(token);
    for (const line of stdout.trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();

    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stdout).toMatch(/"msg":"stopped"/);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('the data dir: nothing written through a planted file, nothing readable by others, no lock held by a stranger', () => {
  const start = (dir: string) => runCli(['server', '--port', '0', '--data-dir', dir], { env: { PAI_BOOTSTRAP_ADMIN_TOKEN: 'pai_tok_0123456789abcdef0123' }, timeoutMs: 60_000 });

  it.each([
    ['admin.token is a symlink', 'admin.token', 'link', /admin\.token is a symbolic link/],
    ['admin.token exists already', 'admin.token', 'file', /admin\.token already exists, but the store holds no admin token/],
    ['secret.key is a symlink', 'secret.key', 'link', /secret\.key is a symbolic link/],
  ])('%s: refused, and nothing is written through it', async (_n, name, planted, message) => {
    const dir = await freshDataDir();
    const target = path.join(tempDir(), 'target');
    if (planted === 'link') symlinkSync(target, path.join(dir, name));
    else writeFileSync(path.join(dir, name), 'left over\n');
    const res = await start(dir);
    expect(res.code, res.stderr).toBe(1);
    expect(res.stderr).toMatch(message);
    expect(res.stderr).not.toMatch(/\n\s+at /);
    expect(res.stderr).not.toContain('pai_tok_0123456789abcdef0123');
    expect(existsSync(target)).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });

  it('a data dir readable by others is tightened to 700, and the log says so', async () => {
    const dir = await freshDataDir();
    chmodSync(dir, 0o755);
    const server = await startServer({ dataDir: dir });
    try {
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      expect(server.output()).toMatch(/could be read by other users \(mode 755\); it is now 700/);
    } finally {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a lock whose pid now belongs to a later process is stale: the server starts', async () => {
    const dir = await freshDataDir();
    // This test's own process is running, but it started after the lock was "written".
    const lock = path.join(dir, 'server.lock');
    writeFileSync(lock, String(process.pid));
    const longAgo = new Date('2001-01-01T00:00:00Z');
    utimesSync(lock, longAgo, longAgo);
    const server = await startServer({ dataDir: dir });
    try {
      expect(JSON.parse(readFileSync(lock, 'utf8'))).toMatchObject({ pid: expect.any(Number), startedAt: expect.stringMatching(/Z$/) });
    } finally {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a lock held by a running server still keeps a second one out', async () => {
    const dir = await freshDataDir();
    const first = await startServer({ dataDir: dir });
    try {
      const second = await start(dir);
      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(/is in use by another pai server \(pid \d+\)/);
    } finally {
      await first.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
