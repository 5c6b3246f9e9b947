import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli, type CliResult } from '../helpers/cli.js';
import { freshDataDir } from '../helpers/data-dir.js';
import { startServer, type RunningServer } from '../helpers/server.js';

/**
 * The flow of issue 4, driven through the real CLI against a real `pai server` (127.0.0.1,
 * ephemeral port, temp data dir): login → create model-provider → get → create secret →
 * apply -f (file, directory, stdin) → describe → delete → restart → nothing lost. Every CLI
 * output is collected for the canary check: distinctive secret values stored through every path
 * must never appear in any output, in the server's log, or in plain text in the data dir.
 */
const CANARY_FLAG = 'nvapi-CANARYflag0123456789abcdef';
const CANARY_LITERAL = 'sk-ant-CANARYliteral0123456789';
const CANARY_MANIFEST = 'CANARYmanifest-0123456789-xyz';
const CANARY_STDIN_KEY = 'sk-CANARYstdin0123456789abcdefgh';
const CANARIES = [CANARY_FLAG, CANARY_LITERAL, CANARY_MANIFEST, CANARY_STDIN_KEY];
const EXAMPLES = path.join(REPO_ROOT, 'fixtures', 'examples');

let server: RunningServer;
const configDir = mkdtempSync(path.join(tmpdir(), 'pai-e2e-config-'));
const configFile = path.join(configDir, 'config.json');
const outputs: CliResult[] = [];
/** The logs of servers already stopped (restart test). */
const earlierServerLogs: string[] = [];

/** Runs the CLI with an isolated config and no PAI_* leaking in from the environment. */
async function pai(args: string[], opts: { env?: Record<string, string | undefined>; input?: string } = {}): Promise<CliResult> {
  const result = await runCli(args, {
    env: { PAI_CONFIG: configFile, PAI_SERVER: undefined, PAI_TOKEN: undefined, PAI_API_KEY: undefined, ...opts.env },
    ...(opts.input !== undefined ? { input: opts.input } : {}),
  });
  outputs.push(result);
  return result;
}

async function ok(args: string[], opts: Parameters<typeof pai>[1] = {}): Promise<string> {
  const result = await pai(args, opts);
  expect(result.stderr, `pai ${args.join(' ')}`).not.toMatch(/^Error:/m);
  expect(result.code, `pai ${args.join(' ')}\n${result.stderr}`).toBe(0);
  return result.stdout;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : e.isFile() ? [path.join(dir, e.name)] : []));
}

beforeAll(async () => {
  server = await startServer({ dataDir: await freshDataDir() });
});

afterAll(async () => {
  await server?.stop();
});

describe('control plane end to end', () => {
  let contextName = '';
  let fingerprintBefore = '';

  it('pai login saves a named context (0600) after checking the token', async () => {
    const out = await ok(['login', server.url, '--token', server.token]);
    contextName = `admin@${new URL(server.url).host}`;
    expect(out).toContain(`Logged in to ${server.url}`);
    expect(out).toContain(`Context ${contextName} is now current`);
    expect(statSync(configFile).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(configFile, 'utf8'))).toMatchObject({ formatVersion: 1, currentContext: contextName, contexts: { [contextName]: { server: server.url } } });
    expect(await ok(['context', 'list'])).toContain(`${contextName} (active)`);
  });

  it('pai create model-provider --api-key stores the key in a Secret, in one batch', async () => {
    const out = await ok([
      'create', 'model-provider', 'nvidia',
      '--provider', 'openai',
      '--endpoint', 'https://integrate.api.nvidia.com/v1',
      '--allowed-models', 'z-ai/glm4.7,meta/llama-3.1-70b-instruct,qwen/qwen3-next-80b-a3b-instruct',
      '--api-key', CANARY_FLAG,
    ]);
    expect(out).toBe('secret/nvidia-api-key created\nmodelprovider/nvidia created\n');
  });

  it('pai create model-provider reads the key from stdin with --api-key -', async () => {
    const out = await ok(['create', 'model-provider', 'openai', '--provider', 'openai', '--api-key', '-', '--max-tokens-per-day', '200000', '-n', 'team-a'], { input: `${CANARY_STDIN_KEY}\n` });
    expect(out).toBe('secret/openai-api-key created in namespace team-a\nmodelprovider/openai created in namespace team-a\n');
  });

  it('pai get model-providers shows the documented columns', async () => {
    const lines = (await ok(['get', 'model-providers'])).trimEnd().split('\n');
    expect(lines[0]).toBe('NAME     PROVIDER   ENDPOINT                              MAX/DAY   LAST USED   AGE');
    expect(lines[1]).toMatch(/^nvidia   openai     https:\/\/integrate\.api\.nvidia\.com\/v1   —         —           \d+s$/);
    expect(lines).toHaveLength(2);
    const all = await ok(['get', 'mp', '-A']);
    expect(all).toMatch(/^NAMESPACE   NAME/);
    expect(all).toMatch(/team-a      openai   openai     —\s+200k/);
  });

  it('pai create secret and pai add secret; get secrets shows NAME KEYS AGE', async () => {
    expect(await ok(['create', 'secret', 'anthropic-key', '--from-literal', `api-key=${CANARY_LITERAL}`])).toBe('secret/anthropic-key created\n');
    expect(await ok(['add', 'secret', 'multi', '--from-literal', 'a=1234', '--from-literal', `b=${CANARY_LITERAL}`])).toBe('secret/multi created\n');
    const out = await ok(['get', 'secrets']);
    expect(out.split('\n')[0]).toMatch(/^NAME\s+KEYS\s+AGE$/);
    expect(out).toMatch(/\nanthropic-key\s+api-key\s+\d+s\n/);
    expect(out).toMatch(/\nmulti\s+a,b\s+\d+s\n/);
    expect(out).toMatch(/\nnvidia-api-key\s+api-key\s+\d+s\n/);
  });

  it('pai create secret again: refused without --overwrite, without the value', async () => {
    const result = await pai(['create', 'secret', 'anthropic-key', '--from-literal', `api-key=${CANARY_LITERAL}`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Error: secret\/anthropic-key already has values \(keys: api-key\)/);
    expect(result.stderr).toMatch(/Hint: pass --overwrite/);
  });

  it('pai apply -f a file, a directory and stdin', async () => {
    expect(await ok(['apply', '-f', path.join(EXAMPLES, 'model-provider.yaml')])).toBe('modelprovider/anthropic created\n');
    const dir = await ok(['apply', '-f', EXAMPLES]);
    expect(dir.split('\n').filter(Boolean).sort()).toEqual(
      [
        'agent/reviewer created',
        'guardbinding/prompt-guard created',
        'modelprovider/anthropic unchanged',
        'modelprovider/google created',
        'modelprovider/nim created',
        'provider/github-writer created',
        'secret/anthropic-key unchanged', // declared without values: the literal set above is kept
        'secret/gemini-key created',
        'secret/github-pat created',
        'secret/guard-token created',
        'secret/nim-key created',
      ].sort(),
    );
    expect((await ok(['apply', '-f', EXAMPLES])).split('\n').filter(Boolean).every((l) => l.endsWith(' unchanged'))).toBe(true);

    const secretManifest = `apiVersion: pai.io/v1\nkind: Secret\nmetadata: {name: from-stdin}\nspec:\n  stringData:\n    token: ${CANARY_MANIFEST}\n`;
    expect(await ok(['apply', '-f', '-'], { input: secretManifest })).toBe('secret/from-stdin created\n');
    expect(JSON.parse(await ok(['apply', '-f', '-', '--json'], { input: secretManifest }))).toEqual({
      formatVersion: 1,
      results: [{ ref: 'secret/from-stdin', namespace: 'default', source: '<stdin>:1', outcome: 'unchanged' }],
      failed: 0,
    });
    expect(await ok(['apply', '-f', '-'], { input: secretManifest.replace(CANARY_MANIFEST, `${CANARY_MANIFEST}-2`) })).toBe('secret/from-stdin configured\n');
  });

  it('pai create -f refuses what exists and points at apply', async () => {
    const result = await pai(['create', '-f', path.join(EXAMPLES, 'guard.yaml')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Error: guardbinding\/prompt-guard .*already exists/);
    expect(result.stderr).toContain('Hint: use `pai apply -f');
  });

  it('an invalid manifest gets 422 with each diagnostic as code: message (pointer)', async () => {
    const bad = `apiVersion: pai.io/v1\nkind: ModelProvider\nmetadata: {name: bad}\nspec: {provider: nope, apiKeySecretRef: {name: x, key: y}}\n---\napiVersion: pai.io/v1\nkind: Secret\nmetadata: {name: bad-secret}\nspec:\n  stringData: {k: ${CANARY_MANIFEST}}\n  unknownField: 1\n`;
    const result = await pai(['apply', '-f', '-'], { input: bad });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Error: modelprovider\/bad \(<stdin>:1\): .*\n {2}schema-enum: .* \(\/spec\/provider\)/);
    expect(result.stderr).toMatch(/Error: secret\/bad-secret .*\n {2}schema-unknown-field: /);
  });

  it('pai describe: readable, secrets by key and fingerprint only', async () => {
    const mp = await ok(['describe', 'model-provider', 'nvidia']);
    expect(mp).toMatch(/^Name:\s+nvidia\nNamespace:\s+default\nKind:\s+ModelProvider\n/);
    expect(mp).toContain('  apiKeySecretRef:\n    name:  nvidia-api-key\n    key:   api-key\n');
    const secret = await ok(['describe', 'secret', 'anthropic-key']);
    const match = /\n {2}api-key\s+(sha256:[0-9a-f]{64})\n/.exec(secret);
    expect(match).not.toBeNull();
    fingerprintBefore = match![1]!;
  });

  it('machine-readable outputs carry no secret values', async () => {
    const commands = [['get', 'secrets', '-o', 'json'], ['get', 'secrets', '-o', 'yaml'], ['get', 'secret', 'from-stdin', '-o', 'yaml'], ['describe', 'secret', 'multi', '--json'], ['get', 'mp', '-A', '-o', 'json'], ['get', 'secrets', '--json']];
    const outs = await Promise.all(commands.map((args) => ok(args)));
    for (const out of outs) expect(out.length).toBeGreaterThan(0);
    const list = JSON.parse(outs[outs.length - 1]!);
    expect(list).toMatchObject({ formatVersion: 1, kind: 'Secret', namespace: 'default' });
    expect(list.items.find((s: { metadata: { name: string } }) => s.metadata.name === 'multi').status.keys.map((k: { name: string }) => k.name)).toEqual(['a', 'b']);
  });

  it('pai delete, then the resource is gone', async () => {
    expect(await ok(['delete', 'model-provider', 'nvidia'])).toBe('modelprovider/nvidia deleted\n');
    const gone = await pai(['get', 'model-provider', 'nvidia']);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/^Error: .*not found/);
  });

  it('wrong credentials: an access key on /v1, a revoked token, an unknown token', async () => {
    const pak = await pai(['get', 'mp'], { env: { PAI_TOKEN: 'pak_CANARYnotanadmintoken0123' } });
    expect(pak.code).toBe(1);
    expect(pak.stderr).toMatch(/accepts only admin tokens/);
    expect(pak.stderr).toMatch(/Hint: access keys \(pak_…\) are for the LLM gateway/);

    const unknown = await pai(['get', 'mp'], { env: { PAI_TOKEN: 'pai_tok_CANARYunknown0123456789' } });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/token rejected: run `pai login/);

    const login = await pai(['login', server.url, '--access-key', 'pak_CANARYunknownkey0123456789', '--context', 'dev']);
    if (login.code === 0) expect(login.stderr).toMatch(/could not be verified/);
    else expect(login.stderr).toMatch(/rejected the access key/);
    // An access key login never takes the admin's current context away.
    expect(JSON.parse(readFileSync(configFile, 'utf8')).currentContext).toBe(contextName);
  });

  it('pai token create|list|revoke', async () => {
    const created = await pai(['token', 'create', '--name', 'ci']);
    expect(created.code).toBe(0);
    const token = created.stdout.trim();
    expect(token).toMatch(/^pai_tok_/);
    expect(created.stderr).toMatch(/shown only this once/);
    await ok(['get', 'mp'], { env: { PAI_TOKEN: token } });
    expect(await ok(['token', 'list'])).toMatch(/\nci\s+admin\s+\d+s\s+never\s+\d+s ago\n/);
    expect(await ok(['token', 'revoke', 'ci'])).toBe('token ci revoked\n');
    const revoked = await pai(['get', 'mp'], { env: { PAI_TOKEN: token } });
    expect(revoked.code).toBe(1);
    expect(revoked.stderr).toMatch(/token rejected/);
    outputs.splice(outputs.indexOf(created), 1); // the one output that must show a credential
  });

  it('a restart on the same data dir loses nothing', async () => {
    await server.stop();
    earlierServerLogs.push(server.output());
    server = await startServer({ dataDir: server.dataDir, token: server.token });
    // The port changed: PAI_SERVER + PAI_TOKEN override the saved context.
    const env = { PAI_SERVER: server.url, PAI_TOKEN: server.token };
    const [secrets, mps, teamA, described, agents] = await Promise.all([
      ok(['get', 'secrets'], { env }),
      ok(['get', 'mp'], { env }),
      ok(['get', 'mp', '-n', 'team-a'], { env }),
      ok(['describe', 'secret', 'anthropic-key'], { env }),
      ok(['get', 'agents'], { env }),
    ]);
    for (const name of ['anthropic-key', 'multi', 'nvidia-api-key', 'from-stdin', 'gemini-key']) expect(secrets).toMatch(new RegExp(`\\n${name}\\s`));
    expect(mps).toMatch(/\nanthropic\s+anthropic\s+—\s+5M\s/);
    expect(mps).not.toMatch(/\nnvidia\s/);
    expect(teamA).toMatch(/\nopenai\s/);
    expect(described).toContain(fingerprintBefore);
    expect(agents).toMatch(/\nreviewer\s+default\s+anthropic\/claude-sonnet-4-6,google\/gemini-2\.5-flash\s/);
  });

  it('canary: no secret value in any CLI output, the server log or the data dir', () => {
    expect(outputs.length).toBeGreaterThan(30);
    for (const result of outputs) {
      for (const canary of CANARIES) {
        expect(result.stdout, 'stdout').not.toContain(canary);
        expect(result.stderr, 'stderr').not.toContain(canary);
      }
    }
    for (const log of [...earlierServerLogs, server.output()]) for (const canary of CANARIES) expect(log).not.toContain(canary);
    for (const file of filesUnder(server.dataDir)) {
      const bytes = readFileSync(file);
      for (const canary of CANARIES) expect(bytes.includes(Buffer.from(canary)), `${file} holds a secret in plain text`).toBe(false);
    }
    const config = readFileSync(configFile, 'utf8');
    for (const canary of CANARIES) expect(config).not.toContain(canary);
  });
});
