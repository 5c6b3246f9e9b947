import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES, type DiagnosticCode } from '../../src/api/diagnostic-codes.js';
import { REPO_ROOT, runCli, type CliResult } from '../helpers/cli.js';
import { freshDataDir } from '../helpers/data-dir.js';
import { startServer, type RunningServer } from '../helpers/server.js';
import { apiClient, type ApiClient } from '../server/http/api-client.js';

/**
 * Issue 14: the server refuses what the compiler refuses. Each finding is replayed as a new user
 * would — through the CLI, the API and a batch — against a real `pai server`, and the compiler's
 * invalid fixtures that need other resources to be judged go through `pai apply -f`.
 */
let server: RunningServer;
let api: ApiClient;
const work = mkdtempSync(path.join(tmpdir(), 'pai-admission-'));

async function pai(args: string[], input?: string): Promise<CliResult> {
  return runCli(args, { env: { PAI_CONFIG: path.join(work, 'none.json'), PAI_SERVER: server.url, PAI_TOKEN: server.token }, ...(input !== undefined ? { input } : {}) });
}

function file(name: string, text: string): string {
  const p = path.join(work, name);
  writeFileSync(p, text);
  return p;
}

/** The diagnostic codes of a `--json` imperative run or error payload. */
function codesOf(result: CliResult): string[] {
  const payload = JSON.parse(result.stdout) as { results?: Array<{ error?: { diagnostics?: Array<{ code: string }> } }>; error?: { diagnostics?: Array<{ code: string }> } };
  const errors = payload.results ? payload.results.map((r) => r.error) : [payload.error];
  return errors.flatMap((e) => e?.diagnostics?.map((d) => d.code) ?? []);
}

const BASE = `apiVersion: pai.io/v1
kind: Secret
metadata: {name: anthropic-key, namespace: NS}
spec:
  stringData: {api-key: sk-ant-not-a-real-key-but-long-enough}
---
apiVersion: pai.io/v1
kind: ModelProvider
metadata: {name: anthropic, namespace: NS}
spec:
  provider: anthropic
  apiKeySecretRef: {name: anthropic-key, key: api-key}
  allowedModels: [claude-sonnet-4-6, claude-haiku-4-5]
---
apiVersion: pai.io/v1
kind: ModelProvider
metadata: {name: nvidia, namespace: NS}
spec:
  provider: anthropic
  apiKeySecretRef: {name: anthropic-key, key: api-key}
  allowedModels: [claude-haiku-4-5]
  externalAccess: {enabled: true}
---
apiVersion: pai.io/v1
kind: ModelProvider
metadata: {name: closed, namespace: NS}
spec:
  provider: anthropic
  apiKeySecretRef: {name: anthropic-key, key: api-key}
`;

async function seed(ns: string): Promise<void> {
  const result = await pai(['apply', '-f', file(`base-${ns}.yaml`, BASE.replaceAll('NS', ns))]);
  expect(result.code, result.stderr).toBe(0);
}

const GHOST = {
  apiVersion: 'pai.io/v1',
  kind: 'Agent',
  metadata: { name: 'ghost' },
  spec: { models: ['nvidiaa/llama-3.1-8b', 'anthropic/claude-sonet-4-6'], guards: [{ binding: 'nope' }] },
};
const GHOST_CODES = ['unknown-model-provider', 'model-not-allowed', 'unresolved-reference'];

beforeAll(async () => {
  server = await startServer({ dataDir: await freshDataDir() });
  api = apiClient(server);
  await seed('default');
});

afterAll(async () => {
  await server?.stop();
});

describe('an Agent with a mistyped provider, a model outside allowedModels and a missing guard', () => {
  it('pai apply -f refuses it with the compiler codes and creates nothing', async () => {
    const result = await pai(['apply', '-f', file('ghost.yaml', JSON.stringify(GHOST)), '--json']);
    expect(result.code).toBe(1);
    expect(codesOf(result).sort()).toEqual([...GHOST_CODES].sort());
    const human = await pai(['apply', '-f', path.join(work, 'ghost.yaml')]);
    expect(human.stdout).not.toMatch(/created/);
    expect(human.stderr).toMatch(/did you mean "nvidia\/llama-3.1-8b"\?/);
    expect((await api.get('/v1/namespaces/default/agents/ghost')).status).toBe(404);
  });

  it('the API answers 422 with the same diagnostics, pointers and resource', async () => {
    const res = await api.post('/v1/namespaces/default/agents', GHOST);
    expect(res.status).toBe(422);
    expect(res.body.error.reason).toBe('Invalid');
    expect(res.body.error.diagnostics.map((d: { code: string; pointer: string }) => `${d.code} ${d.pointer}`).sort()).toEqual([
      'model-not-allowed /spec/models/1',
      'unknown-model-provider /spec/models/0',
      'unresolved-reference /spec/guards/0/binding',
    ]);
    expect(res.body.error.diagnostics[0].resource).toEqual({ kind: 'Agent', namespace: 'default', name: 'ghost' });
    expect((await api.put('/v1/namespaces/default/agents/ghost', GHOST)).status).toBe(422);
  });

  it('a batch is checked as a whole: the guard in the same batch resolves, the rest refuses all of it', async () => {
    const guard = { apiVersion: 'pai.io/v1', kind: 'GuardBinding', metadata: { name: 'nope' }, spec: { classifier: { type: 'promptGuard', endpoint: 'https://guard.example.com/v1' } } };
    const res = await api.post('/v1/batch', { operations: [{ op: 'create', resource: guard }, { op: 'create', resource: GHOST }] });
    expect(res.status).toBe(422);
    expect(res.body.error.operation).toBe(1);
    expect(res.body.error.diagnostics.map((d: { code: string }) => d.code).sort()).toEqual(['model-not-allowed', 'unknown-model-provider']);
    expect((await api.get('/v1/namespaces/default/guardbindings/nope')).status).toBe(404);
    // Fixed, the same batch lands: the Agent names the guard created with it.
    const fixed = { ...GHOST, spec: { ...GHOST.spec, models: ['nvidia/claude-haiku-4-5'] } };
    const ok = await api.post('/v1/batch', { operations: [{ op: 'create', resource: fixed }, { op: 'create', resource: guard }] });
    expect(ok.status, ok.text).toBe(200);
  });
});

describe('pai create model-provider', () => {
  it('refuses a model the catalogue does not know, as pai validate does', async () => {
    const result = await pai(['create', 'model-provider', 'anth2', '--provider', 'anthropic', '--allowed-models', 'claude-sonet-4-6', '--api-key', 'sk-ant-not-real-0123456789']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/unknown-model: model "anth2\/claude-sonet-4-6" is not in the anthropic catalogue/);
    expect(result.stderr).toMatch(/did you mean "claude-sonnet-4-6"/);
    // All or nothing: its Secret was not created either.
    expect((await api.get('/v1/namespaces/default/secrets/anth2-api-key')).status).toBe(404);
  });

  it('refuses credentials in the endpoint URL without echoing them, with a hint to use the Secret', async () => {
    const result = await pai(['create', 'model-provider', 'vllm', '--provider', 'vllm', '--endpoint', 'http://admin:hunter2@vllm.internal:8000/v1', '--allowed-models', 'llama']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/endpoint-credentials/);
    expect(result.stderr).toMatch(/Secret/);
    expect(result.stderr + result.stdout).not.toContain('hunter2');
    const batch = await api.post('/v1/batch', {
      operations: [{ op: 'put', resource: { apiVersion: 'pai.io/v1', kind: 'ModelProvider', metadata: { name: 'v' }, spec: { provider: 'vllm', endpoint: 'http://u:hunter2@h/v1', allowedModels: ['m'] } } }],
    });
    expect(batch.status).toBe(422);
    expect(batch.body.error.diagnostics[0]).toMatchObject({ code: 'endpoint-credentials', pointer: '/spec/endpoint' });
    expect(batch.text).not.toContain('hunter2');
  });

  it('admits a deprecated model with a warning, shown on stderr like kubectl', async () => {
    const result = await pai(['create', 'model-provider', 'oai', '--provider', 'openai', '--allowed-models', 'gpt-4.1', '--api-key', 'sk-not-real-0123456789abcdef']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/^Warning: ModelProvider default\/oai: model "oai\/gpt-4.1" is deprecated.*\(model-deprecated\)$/m);
    expect(result.stdout).not.toMatch(/Warning/);
    const res = await api.put('/v1/namespaces/default/modelproviders/oai', (await api.get('/v1/namespaces/default/modelproviders/oai')).body);
    expect(res.status).toBe(200);
    expect(res.headers.get('warning')).toMatch(/^299 - ".*model-deprecated\)"/);
  });
});

describe('pai access-key create', () => {
  const cases: Array<[string, string[], string]> = [
    ['a provider that does not exist', ['--model-provider', 'nvidiaa'], 'unresolved-reference'],
    ['a provider without external access', ['--model-provider', 'closed'], 'external-access-disabled'],
    ['a model the provider does not allow', ['--model-provider', 'nvidia', '--allowed-model', 'gpt-4o'], 'model-not-allowed'],
  ];
  for (const [what, flags, code] of cases) {
    it(`refuses ${what} (${code}), and mints no key`, async () => {
      const name = `k-${code}`;
      const result = await pai(['access-key', 'create', '--name', name, ...flags]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(code);
      expect(result.stdout).not.toMatch(/pak_/);
      expect((await api.get(`/v1/namespaces/default/accesskeys/${name}`)).status).toBe(404);
    });
  }

  it('the API refuses the same on PUT and in a batch', async () => {
    const key = { apiVersion: 'pai.io/v1', kind: 'AccessKey', metadata: { name: 'direct' }, spec: { modelProviders: ['closed'] } };
    const put = await api.put('/v1/namespaces/default/accesskeys/direct', key);
    expect(put.status).toBe(422);
    expect(put.body.error.diagnostics.map((d: { code: string }) => d.code)).toEqual(['external-access-disabled']);
    const batch = await api.post('/v1/batch', { operations: [{ op: 'create', resource: key }] });
    expect(batch.status).toBe(422);
  });

  it('admits a key within its provider', async () => {
    const result = await pai(['access-key', 'create', '--name', 'alice', '--model-provider', 'nvidia', '--allowed-model', 'claude-haiku-4-5', '--allowed-cidr', '10.0.0.0/8']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^pak_/);
  });
});

describe('deletes know their dependents', () => {
  beforeAll(async () => {
    await seed('deps');
    const agent = { apiVersion: 'pai.io/v1', kind: 'Agent', metadata: { name: 'bot', namespace: 'deps' }, spec: { models: ['nvidia/claude-haiku-4-5'] } };
    expect((await api.post('/v1/namespaces/deps/agents', agent)).status).toBe(201);
    for (const name of ['k1', 'k2']) expect((await pai(['access-key', 'create', '--name', name, '--model-provider', 'nvidia', '-n', 'deps'])).code).toBe(0);
  });

  it('pai delete refuses a ModelProvider used by an Agent and two access keys, and lists them', async () => {
    const result = await pai(['delete', 'model-provider', 'nvidia', '-n', 'deps']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Error: ModelProvider "deps\/nvidia" is used by Agent "bot", AccessKey "k1", AccessKey "k2"$/m);
    expect(result.stderr).toContain('used by agent/bot (/spec/models/0)');
    expect(result.stderr).toContain('used by accesskey/k1 (/spec/modelProviders/0)');
    expect(result.stderr).toMatch(/--force/);
    const json = await pai(['delete', 'model-provider', 'nvidia', '-n', 'deps', '--json']);
    expect(JSON.parse(json.stdout).error).toMatchObject({ status: 409, reason: 'InUse', dependents: expect.arrayContaining([{ kind: 'Agent', namespace: 'deps', name: 'bot', pointer: '/spec/models/0' }]) });
    expect((await api.get('/v1/namespaces/deps/modelproviders/nvidia')).status).toBe(200);
  });

  it('the API refuses deleting a Secret a ModelProvider reads (409 InUse), also in a batch', async () => {
    const res = await api.del('/v1/namespaces/deps/secrets/anthropic-key');
    expect(res.status).toBe(409);
    expect(res.body.error.reason).toBe('InUse');
    expect(res.body.error.dependents.map((d: { name: string }) => d.name).sort()).toEqual(['anthropic', 'closed', 'nvidia']);
    const batch = await api.post('/v1/batch', { operations: [{ op: 'delete', resource: { kind: 'Secret', metadata: { name: 'anthropic-key', namespace: 'deps' } } }] });
    expect(batch.status).toBe(409);
    expect(batch.body.error.operation).toBe(0);
  });

  it('pai describe shows "Used by:"', async () => {
    const result = await pai(['describe', 'model-provider', 'nvidia', '-n', 'deps']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Used by:\n {2}agent\/bot {2}\(\/spec\/models\/0\)\n {2}accesskey\/k1 {2}\(\/spec\/modelProviders\/0\)\n {2}accesskey\/k2/);
    const json = JSON.parse((await pai(['describe', 'secret', 'anthropic-key', '-n', 'deps', '--json'])).stdout);
    expect(json.usedBy.map((u: { name: string }) => u.name).sort()).toEqual(['anthropic', 'closed', 'nvidia']);
  });

  it('deleting the dependents together with it is allowed, and --force deletes it anyway', async () => {
    const together = await api.post('/v1/batch', {
      operations: ['k1', 'k2'].map((name) => ({ op: 'delete', resource: { kind: 'AccessKey', metadata: { name, namespace: 'deps' } } })),
    });
    expect(together.status, together.text).toBe(200);
    const forced = await pai(['delete', 'model-provider', 'nvidia', '-n', 'deps', '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toBe('modelprovider/nvidia deleted\n');
  });
});

describe('the compiler invalid fixtures that need other resources', () => {
  const INVALID = path.join(REPO_ROOT, 'fixtures', 'invalid');
  /** Cross-resource codes (the local ones are refused before admission, as before). */
  const CROSS = new Set<DiagnosticCode>(['unresolved-reference', 'unresolved-secret', 'unknown-model-provider', 'model-denied', 'model-not-allowed', 'unknown-model', 'model-retired', 'external-access-disabled']);
  const dirs = readdirSync(INVALID).filter((d) => CROSS.has(d.split('--')[0] as DiagnosticCode));

  it('covers every cross-resource code', () => {
    expect(new Set(dirs.map((d) => d.split('--')[0]))).toEqual(CROSS);
    for (const code of CROSS) expect(DIAGNOSTIC_CODES[code].stage).toBe('check');
  });

  for (const dir of dirs) {
    it(`${dir}: pai apply -f answers with the compiler's code`, async () => {
      const code = dir.split('--')[0]!;
      const expected = JSON.parse(readFileSync(path.join(INVALID, dir, 'expected.json'), 'utf8')) as Array<{ code: string; severity: string }>;
      // Each fixture in a namespace of its own, so that one's objects cannot satisfy another's.
      const ns = `fx-${dir.replace(/[^a-z0-9]+/g, '-')}`.slice(0, 63).replace(/-$/, '');
      const text = readFileSync(path.join(INVALID, dir, 'input.yaml'), 'utf8')
        .replace(/^metadata:\n/gm, `metadata:\n  namespace: ${ns}\n`)
        // A Secret declared by name has its values set out of band; the server checks its keys.
        .replace(/^(kind: Secret\n(?:[ a-z].*\n)*?)spec: \{\}$/gm, '$1spec: {stringData: {api-key: placeholder-value}}');
      const result = await pai(['apply', '-f', file(`${dir}.yaml`, text), '--json']);
      // Offline an absent Secret is a warning; the server knows, so it refuses.
      const refused = code === 'unresolved-secret' || expected.some((d) => d.code === code && d.severity === 'error');
      if (refused) {
        expect(result.code, result.stderr).toBe(1);
        expect(codesOf(result)).toContain(code);
      } else {
        expect(result.code, result.stderr).toBe(0);
        expect(result.stderr).toMatch(new RegExp(`^Warning: .*\\(${code}\\)$`, 'm'));
      }
    });
  }
});

describe('pai plan and pai apply agree with admission', () => {
  const repo = path.join(work, 'repo');
  const PROVIDERS = `apiVersion: pai.io/v1
kind: ModelProvider
metadata: {name: primary, namespace: gitops}
spec:
  provider: anthropic
  apiKeySecretRef: {name: anthropic-key, key: api-key}
  fallbacks: [backup/claude-haiku-4-5]
  externalAccess: {enabled: true}
---
apiVersion: pai.io/v1
kind: ModelProvider
metadata: {name: backup, namespace: gitops}
spec:
  provider: anthropic
  apiKeySecretRef: {name: anthropic-key, key: api-key}
  fallbacks: [primary/claude-sonnet-4-6]
`;
  const USERS = `apiVersion: pai.io/v1
kind: Agent
metadata: {name: bot, namespace: gitops}
spec:
  models: [primary/claude-sonnet-4-6]
---
apiVersion: pai.io/v1
kind: AccessKey
metadata: {name: laptop, namespace: gitops}
spec:
  modelProviders: [primary]
`;
  const gitopsRun = (args: string[]) => runCli(args, { cwd: repo, env: { PAI_CONFIG: path.join(work, 'none.json'), PAI_SERVER: server.url, PAI_TOKEN: server.token }, timeoutMs: 120_000 });

  beforeAll(async () => {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(repo, { recursive: true });
    writeFileSync(path.join(repo, 'providers.yaml'), PROVIDERS);
    writeFileSync(path.join(repo, 'users.yaml'), USERS);
    expect((await pai(['create', 'secret', 'anthropic-key', '--from-literal', 'api-key=sk-ant-not-real-0123456789', '-n', 'gitops'])).code).toBe(0);
  });

  it('applies providers whose fallbacks name each other (one batch), then prunes them with their users', async () => {
    const applied = await gitopsRun(['apply', '.', '--auto-approve', '--allow-dirty']);
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    expect((await api.get('/v1/namespaces/gitops/modelproviders/backup')).status).toBe(200);
    // Everything removed from git: prune deletes users first, and the two providers together.
    writeFileSync(path.join(repo, 'providers.yaml'), '');
    writeFileSync(path.join(repo, 'users.yaml'), '');
    const pruned = await gitopsRun(['apply', '.', '--auto-approve', '--allow-dirty', '--prune']);
    expect(pruned.code, pruned.stdout + pruned.stderr).toBe(0);
    for (const p of ['modelproviders/primary', 'modelproviders/backup', 'agents/bot', 'accesskeys/laptop']) expect((await api.get(`/v1/namespaces/gitops/${p}`)).status).toBe(404);
  });

  it('what admission refuses, pai plan refuses with the same code at its file:line', async () => {
    writeFileSync(path.join(repo, 'providers.yaml'), PROVIDERS.replace('  externalAccess: {enabled: true}\n', ''));
    writeFileSync(path.join(repo, 'users.yaml'), USERS);
    const plan = await gitopsRun(['plan', '.']);
    expect(plan.code).toBe(1);
    expect(plan.stdout + plan.stderr).toMatch(/users\.yaml:11:\d+[\s\S]*external-access-disabled|external-access-disabled[\s\S]*users\.yaml:11/);
    const imperative = await gitopsRun(['apply', '-f', '.', '--json']);
    expect(imperative.code).toBe(1);
    expect(codesOf(imperative)).toContain('external-access-disabled');
  });
});
