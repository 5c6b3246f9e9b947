import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../src/cli/commands/index.js';
import { EXIT_CODES } from '../../../src/cli/exit-codes.js';
import { runCli } from '../../helpers/cli.js';
import { freshDataDir } from '../../helpers/data-dir.js';
import { startServer, type RunningServer } from '../../helpers/server.js';

/**
 * Walks every command in the command table (src/cli/commands/index.ts): its --help (and -h), an
 * unknown flag, and --json. Each must answer with the exit status of the one table
 * (src/cli/exit-codes.ts), one wording for usage errors, a versioned --json payload, and never
 * the argument parser's raw text or a stack trace. A new command fails here until it is listed
 * in JSON_RUNS.
 */
const IDS = Object.keys(COMMANDS) as Array<keyof typeof COMMANDS>;
const spaced = (id: string) => id.replaceAll(':', ' ');
const RAW_PARSER_TEXT = /Nonexistent flag|See more help with --help|The following errors? occurred|Unknown option|Expected --|\n\s+at /;

const home = mkdtempSync(path.join(tmpdir(), 'pai-every-command-'));
const env = { PAI_CONFIG: path.join(home, 'config.json'), PAI_CACHE_DIR: path.join(home, 'cache'), PAI_SERVER: undefined, PAI_TOKEN: undefined, PAI_API_KEY: undefined };

describe.concurrent('every command: help and an unknown flag', () => {
  it.each(IDS)('%s --help, -h', async (id) => {
    const help = await runCli([...spaced(id).split(' '), '--help'], { env });
    expect(help.code).toBe(EXIT_CODES.ok);
    expect(help.stdout).toContain(`$ pai ${spaced(id)}`);
    expect(help.stdout).toMatch(/^USAGE$/m);
    expect(help.stderr).toBe('');
    const short = await runCli([...spaced(id).split(' '), '-h'], { env });
    expect(short.stdout).toBe(help.stdout);
  });

  it.each(IDS)('%s --bogus-flag', async (id) => {
    const result = await runCli([...spaced(id).split(' '), '--bogus-flag'], { env });
    expect(result.code).toBe(EXIT_CODES.usage);
    expect(result.stderr).toBe(`Error: unknown flag --bogus-flag\nHint: see \`pai ${spaced(id)} --help\` for its usage\n`);
    expect(result.stdout).toBe('');
  });
});

/**
 * How each command prints data with --json, run in this order against one real server. `error`
 * marks the commands whose data needs what a test cannot have (the internet, a dump on stdin, an
 * access-key context): for those the --json error payload is checked instead.
 */
type JsonRun = { args: string[]; error?: number };
let server: RunningServer;
const dir = mkdtempSync(path.join(tmpdir(), 'pai-every-command-manifests-'));
writeFileSync(path.join(dir, 'secret.yaml'), 'apiVersion: pai.io/v1\nkind: Secret\nmetadata:\n  name: walk-applied\nspec: {}\n');
// A ModelProvider the gateway may serve, for the AccessKey commands; its key is the Secret made by `create secret`.
const gatewayProvider = path.join(home, 'gateway-provider.yaml');
writeFileSync(gatewayProvider, 'apiVersion: pai.io/v1\nkind: ModelProvider\nmetadata:\n  name: walk-gw\nspec:\n  provider: openai\n  apiKeySecretRef: {name: walk-secret, key: k}\n  externalAccess: {enabled: true}\n');
const created = path.join(home, 'created.yaml');
writeFileSync(created, 'apiVersion: pai.io/v1\nkind: Secret\nmetadata:\n  name: walk-created\nspec: {}\n');
const JSON_RUNS = (): Array<[keyof typeof COMMANDS, JsonRun]> => [
  ['version', { args: ['version'] }],
  ['login', { args: ['login', server.url, '--token', server.token] }],
  ['context:list', { args: ['context', 'list'] }],
  ['validate', { args: ['validate', dir] }],
  ['plan', { args: ['plan', dir, '--source', 'walk'] }],
  ['create', { args: ['create', '-f', created] }],
  ['create:secret', { args: ['create', 'secret', 'walk-secret', '--from-literal', 'k=v'] }],
  ['apply', { args: ['apply', '-f', gatewayProvider] }],
  ['add:secret', { args: ['add', 'secret', 'walk-added', '--from-literal', 'k=v'] }],
  ['create:model-provider', { args: ['create', 'model-provider', 'walk-mp', '--provider', 'openai', '--api-key', 'sk-walk-0123456789abcdef'] }],
  ['context:set-namespace', { args: ['context', 'set-namespace', 'default'] }],
  ['get', { args: ['get', 'secrets'] }],
  ['explain', { args: ['explain', 'model-provider.spec'] }],
  ['usage', { args: ['usage', '--days', '3'] }],
  ['logs', { args: ['logs', '--limit', '5'] }],
  ['describe', { args: ['describe', 'secret', 'walk-secret'] }],
  ['delete', { args: ['delete', 'secret', 'walk-added'] }],
  ['access-key:create', { args: ['access-key', 'create', '--name', 'walk-key', '--model-provider', 'walk-gw'] }],
  ['access-key:list', { args: ['access-key', 'list'] }],
  ['access-key:rotate', { args: ['access-key', 'rotate', 'walk-key'] }],
  ['access-key:revoke', { args: ['access-key', 'revoke', 'walk-key'] }],
  ['token:create', { args: ['token', 'create', '--name', 'walk-token', '--role', 'read'] }],
  ['token:list', { args: ['token', 'list'] }],
  ['token:revoke', { args: ['token', 'revoke', 'walk-token'] }],
  ['catalog', { args: ['catalog', 'anthropic'] }],
  ['catalog:refresh', { args: ['catalog', 'refresh', 'nope'], error: EXIT_CODES.usage }],
  ['gateway:env', { args: ['gateway', 'env'], error: EXIT_CODES.error }],
  ['server:migrate', { args: ['server', 'migrate', '--data-dir', path.join(home, 'migrated')] }],
  ['server:import', { args: ['server', 'import', '--database-url', 'mysql://nope'], error: EXIT_CODES.error }],
  ['context:use', { args: ['context', 'use', 'no-such-context'], error: EXIT_CODES.error }],
  ['context:delete', { args: ['context', 'delete', 'no-such-context'], error: EXIT_CODES.error }],
  ['logout', { args: ['logout'] }],
];
/** Commands that print no data (a server, a dump, schemas as files): no --json. */
const NO_JSON = ['server', 'server:export', 'schema', 'completion'];

describe('every command: --json', () => {
  beforeAll(async () => {
    server = await startServer({ dataDir: await freshDataDir() });
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('every command takes --json or is listed as printing no data', () => {
    const runs = new Set(JSON_RUNS().map(([id]) => id as string));
    for (const id of IDS) {
      const takesJson = Boolean((COMMANDS[id] as { enableJsonFlag?: boolean }).enableJsonFlag);
      expect.soft(takesJson ? runs.has(id) : NO_JSON.includes(id), id).toBe(true);
      expect.soft(takesJson, id).toBe(!NO_JSON.includes(id));
    }
  });

  it('prints one versioned payload on stdout, exit status from the table', async () => {
    for (const [id, run] of JSON_RUNS()) {
      const result = await runCli([...run.args, '--json'], { env: { ...env, PAI_API_KEY: undefined } });
      const where = `pai ${run.args.join(' ')} --json → ${result.code}\n${result.stdout}${result.stderr}`;
      expect.soft(result.stdout + result.stderr, where).not.toMatch(RAW_PARSER_TEXT);
      let payload: { formatVersion?: unknown; error?: { message?: unknown } } | undefined;
      try {
        payload = JSON.parse(result.stdout) as typeof payload;
      } catch {
        payload = undefined;
      }
      expect.soft(payload?.formatVersion, where).toBe(1);
      if (run.error === undefined) {
        expect.soft(result.code, `${id}: ${where}`).toBe(EXIT_CODES.ok);
        expect.soft(payload?.error, where).toBeUndefined();
      } else {
        expect.soft(result.code, `${id}: ${where}`).toBe(run.error);
        expect.soft(typeof payload?.error?.message, where).toBe('string');
      }
    }
  }, 600_000);
});
