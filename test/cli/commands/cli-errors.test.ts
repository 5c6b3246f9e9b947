import { mkdtempSync, existsSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';
import { closedPort } from '../client/local-server.js';
import { EXIT_CODES } from '../../../src/cli/exit-codes.js';

/**
 * The CLI's error behaviour without a server: one sentence and a hint on stderr, exit 1, never a
 * stack trace, nothing secret echoed. Every test points PAI_CONFIG into a temp dir.
 */
const isolated = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pai-cli-test-'));
  return { file: path.join(dir, 'config.json'), env: { PAI_CONFIG: path.join(dir, 'config.json'), PAI_SERVER: undefined, PAI_TOKEN: undefined, PAI_API_KEY: undefined } };
};
const CANARY = 'sk-ant-CANARY-cli-0123456789abcdef';

function expectCleanError(result: { code: number; stdout: string; stderr: string }, message: RegExp, hint?: RegExp, code: number = EXIT_CODES.error): void {
  expect(result.code).toBe(code);
  expect(result.stderr).toMatch(/^Error: /);
  expect(result.stderr).toMatch(message);
  if (hint) expect(result.stderr).toMatch(hint);
  expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  expect(result.stdout + result.stderr).not.toContain(CANARY);
}

describe.concurrent('CLI errors', () => {
  it('nothing configured: says how to log in', async () => {
    const { env } = isolated();
    expectCleanError(await runCli(['get', 'model-providers'], { env }), /no control plane is configured/, /Hint: .*pai login URL/);
  });

  it('an unknown kind lists the kinds', async () => {
    const { env } = isolated();
    expectCleanError(await runCli(['get', 'widgets'], { env }), /unknown kind "widgets"/, /model-providers \(mp\)/);
  });

  it('unreachable server: names the URL and suggests pai server / pai login', async () => {
    const { env } = isolated();
    const port = await closedPort();
    const result = await runCli(['get', 'secrets'], { env: { ...env, PAI_SERVER: `127.0.0.1:${port}`, PAI_TOKEN: 'pai_tok_unreachable' } });
    expectCleanError(result, new RegExp(`cannot reach the control plane at http://127\\.0\\.0\\.1:${port} \\(connection refused\\)`), /pai server.*pai login/);
  });

  it('--json errors are JSON with a format version, on stdout', async () => {
    const { env } = isolated();
    const result = await runCli(['get', 'secrets', '--json'], { env });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({ formatVersion: 1, error: { message: 'no control plane is configured', hint: expect.stringContaining('pai login') } });
  });

  it('a missing required flag is one line, no stack', async () => {
    const { env } = isolated();
    expectCleanError(await runCli(['create', 'model-provider', 'x'], { env }), /Missing required flag provider/, /Hint: see `pai create model-provider --help` for its usage/, EXIT_CODES.usage);
  });

  it('login without a TTY and without a credential is a clear error; nothing is saved', async () => {
    const { env, file } = isolated();
    expectCleanError(await runCli(['login', '127.0.0.1:7070'], { env }), /no credential given/, /--token pai_tok_/);
    expect(existsSync(file)).toBe(false);
  });

  it('login refuses an access key passed as --token before sending anything', async () => {
    const { env, file } = isolated();
    expectCleanError(await runCli(['login', '127.0.0.1:1', '--token', 'pak_notatoken123456'], { env }), /--token was given an access key/, /--access-key/);
    expect(existsSync(file)).toBe(false);
  });

  it('a secret in a mistyped command line is not echoed', async () => {
    const { env } = isolated();
    const result = await runCli(['create', 'model-provider', 'x', '--provider', 'openai', '--api-key', CANARY, CANARY], { env });
    expectCleanError(result, /Unexpected argument: \(secret\)/, /--help/, EXIT_CODES.usage);
  });

  it('plan: nothing configured, a bad flag, a bad format, an extra argument', async () => {
    const { env } = isolated();
    expectCleanError(await runCli(['plan', '.'], { env }), /no control plane is configured/, /Hint: .*pai login URL/);
    expectCleanError(await runCli(['plan', '--bogus'], { env }), /^Error: unknown flag --bogus\n/, /pai plan --help/, EXIT_CODES.usage);
    expectCleanError(await runCli(['plan', '--fromat', 'json'], { env }), /unknown flag --fromat \(did you mean --format\?\)/, /pai plan --help/, EXIT_CODES.usage);
    expectCleanError(await runCli(['plan', '--format', 'xml'], { env }), /Expected --format=xml to be one of: text, json, markdown/, /pai plan --help/, EXIT_CODES.usage);
    expectCleanError(await runCli(['plan', 'a', 'b'], { env }), /Unexpected argument: b/, /pai plan --help/, EXIT_CODES.usage);
    // With --json the error is JSON on stdout, as every --json error is.
    const both = await runCli(['plan', '--json', '--format', 'markdown'], { env });
    expect(both.code).toBe(EXIT_CODES.usage);
    expect(JSON.parse(both.stdout)).toEqual({ formatVersion: 1, error: { message: '--json means --format json; it cannot be combined with --format markdown', hint: 'see `pai plan --help` for its usage' } });
  });

  it('an unknown command is a usage error with the closest command', async () => {
    const { env } = isolated();
    expectCleanError(await runCli(['valdiate', '.'], { env }), /^Error: unknown command "valdiate" \(did you mean "pai validate"\?\)\n/, /`pai --help` lists the commands/, EXIT_CODES.usage);
    expectCleanError(await runCli(['help', 'valdiate'], { env }), /^Error: unknown command "valdiate" \(did you mean "pai validate"\?\)\n/, /`pai --help` lists the commands/, EXIT_CODES.usage);
    expectCleanError(await runCli(['catalog', 'nope'], { env }), /unknown provider "nope"/, /pai catalog --help/, EXIT_CODES.usage);
  });

  it('plan: an unreachable server is named', async () => {
    const { env } = isolated();
    const port = await closedPort();
    const result = await runCli(['plan', '.'], { env: { ...env, PAI_SERVER: `http://127.0.0.1:${port}`, PAI_TOKEN: `pai_tok_${'0'.repeat(48)}` } });
    expectCleanError(result, new RegExp(`cannot reach the control plane at http://127\\.0\\.0\\.1:${port}`), /pai server/);
  });

  it('a reader that stops early (`| head`) ends the command quietly, without a stack trace', async () => {
    const { env } = isolated();
    const { spawn } = await import('node:child_process');
    const { PAI_BIN } = await import('../../helpers/cli.js');
    // validate --format json over many files with a warning each writes far more than a pipe holds.
    const dir = mkdtempSync(path.join(tmpdir(), 'pai-epipe-'));
    for (let i = 0; i < 400; i++) writeFileSync(path.join(dir, `a${i}.yaml`), `apiVersion: pai.io/v1\nkind: ModelProvider\nmetadata:\n  name: p${i}\nspec:\n  provider: anthropic\n  apiKeySecretRef: {name: missing-${i}, key: api-key}\n`);
    const child = spawn(process.execPath, [PAI_BIN, 'validate', '--format', 'json', dir], { env: { ...process.env, ...env, NO_COLOR: '1' } as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(code).toBe(0);
  });

  it('a vendor key is needed before anything is sent', async () => {
    const { env } = isolated();
    expectCleanError(await runCli(['create', 'model-provider', 'x', '--provider', 'openai'], { env }), /provider openai needs an API key/, /--api-key -/);
  });

  it('apply -f refuses a broken file and sends nothing', async () => {
    const { env } = isolated();
    const dir = mkdtempSync(path.join(tmpdir(), 'pai-cli-test-'));
    writeFileSync(path.join(dir, 'bad.yaml'), 'apiVersion: pai.io/v1\nkind: Nope\nmetadata: {name: x}\n');
    const result = await runCli(['apply', '-f', path.join(dir, 'bad.yaml')], { env: { ...env, PAI_SERVER: '127.0.0.1:1', PAI_TOKEN: 'pai_tok_x' } });
    expectCleanError(result, /the input has a problem; nothing was sent/);
    expect(result.stderr).toContain('bad.yaml:1: unknown kind "Nope"');
  });
});

describe('context commands', () => {
  it('list marks the active context, use switches, delete removes; tokens never shown', async () => {
    const { env, file } = isolated();
    writeFileSync(file, JSON.stringify({ formatVersion: 1, currentContext: 'admin@127.0.0.1:7070', contexts: { 'admin@127.0.0.1:7070': { server: 'http://127.0.0.1:7070', token: 'pai_tok_SHOULD_NOT_PRINT' }, 'prod@pairun': { server: 'https://pairun.dev', accessKey: 'pak_SHOULD_NOT_PRINT' } } }));
    const list = await runCli(['context', 'list'], { env });
    expect(list.code).toBe(0);
    expect(list.stdout).toBe(
      [
        'NAME                            SERVER                  CREDENTIALS   NAMESPACE',
        'admin@127.0.0.1:7070 (active)   http://127.0.0.1:7070   token         default',
        'prod@pairun                     https://pairun.dev      access-key    default',
        '',
      ].join('\n'),
    );
    const json = await runCli(['context', 'list', '--json'], { env });
    expect(JSON.parse(json.stdout)).toMatchObject({ formatVersion: 1, currentContext: 'admin@127.0.0.1:7070', contexts: [{ name: 'admin@127.0.0.1:7070', active: true, credentials: ['token'] }, { name: 'prod@pairun', active: false }] });
    expect(list.stdout + json.stdout).not.toContain('SHOULD_NOT_PRINT');

    expect((await runCli(['context', 'use', 'prod@pairun'], { env })).code).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).currentContext).toBe('prod@pairun');
    const unknown = await runCli(['context', 'use', 'nope'], { env });
    expectCleanError(unknown, /no context named "nope"/, /admin@127\.0\.0\.1:7070, prod@pairun/);

    expect((await runCli(['logout'], { env })).code).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).contexts['prod@pairun']).toEqual({ server: 'https://pairun.dev' });
    expect((await runCli(['context', 'delete', 'prod@pairun'], { env })).code).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ currentContext: null, contexts: { 'admin@127.0.0.1:7070': {} } });
  });
});
