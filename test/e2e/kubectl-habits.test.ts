/**
 * Issue 16, the kubectl habits users type without thinking, through the real CLI against a real
 * `pai server`: several kinds at once and `all`, label selectors, `-o name`, `-o jsonpath=`,
 * `--sort-by`, `delete -f`, `explain`, and one AccessKey table for `get ak` and `access-key list`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli.js';
import { startServer, type RunningServer } from '../helpers/server.js';
import { freshDataDir } from '../helpers/data-dir.js';

let server: RunningServer;
const work = mkdtempSync(path.join(tmpdir(), 'pai-habits-'));
const configFile = path.join(work, 'config.json');

function pai(args: string[]): Promise<CliResult> {
  return runCli(args, { env: { PAI_CONFIG: configFile, PAI_SERVER: server.url, PAI_TOKEN: server.token } });
}
async function ok(args: string[]): Promise<string> {
  const r = await pai(args);
  expect(r.code, `pai ${args.join(' ')}\n${r.stdout}\n${r.stderr}`).toBe(0);
  return r.stdout;
}
const provider = (name: string, team: string, max: number) => `apiVersion: pai.io/v1
kind: ModelProvider
metadata:
  name: ${name}
  labels: {team: ${team}}
spec:
  provider: vllm
  endpoint: https://llm.example.com/v1
  allowedModels: [m1]
  externalAccess: {enabled: true}
  maxTokensPerDay: ${max}
`;

beforeAll(async () => {
  server = await startServer({ dataDir: await freshDataDir() });
  const file = path.join(work, 'base.yaml');
  writeFileSync(
    file,
    [provider('zeta', 'search', 300), provider('alpha', 'ads', 100), provider('mid', 'search', 200), 'apiVersion: pai.io/v1\nkind: Agent\nmetadata: {name: helper}\nspec:\n  models: [alpha/m1]\n'].join('---\n'),
  );
  await ok(['apply', '-f', file]);
  await ok(['access-key', 'create', '--name', 'dev', '--model-provider', 'alpha', '--allowed-cidr', '127.0.0.0/8']);
});

afterAll(async () => {
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('kubectl habits', () => {
  it('get mp,agents prints one table per kind with kind/name, and --json lists both as a List', async () => {
    const out = await ok(['get', 'mp,agents']);
    expect(out).toMatch(/^NAME\s+PROVIDER/m);
    expect(out).toMatch(/^modelprovider\/alpha\s+vllm/m);
    expect(out).toMatch(/\n\nNAME\s+HARNESS\s+MODELS\s+AGE\nagent\/helper\s+default\s+alpha\/m1/);
    const json = JSON.parse(await ok(['get', 'mp,agents', '--json']));
    expect(Object.keys(json)).toEqual(['formatVersion', 'kind', 'namespace', 'items']);
    expect(json).toMatchObject({ formatVersion: 1, kind: 'List', namespace: 'default' });
    expect(json.items.map((i: { kind: string; metadata: { name: string } }) => `${i.kind}/${i.metadata.name}`).sort()).toEqual(['AccessKey/dev', 'Agent/helper', 'ModelProvider/alpha', 'ModelProvider/mid', 'ModelProvider/zeta'].filter((k) => !k.startsWith('AccessKey')));
  });

  it('get all -o name lists every kind', async () => {
    const names = (await ok(['get', 'all', '-o', 'name'])).trim().split('\n').sort();
    expect(names).toEqual(['accesskey/dev', 'agent/helper', 'modelprovider/alpha', 'modelprovider/mid', 'modelprovider/zeta']);
  });

  it('-l filters on labels (=, !=, existence)', async () => {
    expect((await ok(['get', 'mp', '-l', 'team=search', '-o', 'name'])).trim().split('\n').sort()).toEqual(['modelprovider/mid', 'modelprovider/zeta']);
    expect((await ok(['get', 'mp', '-l', 'team!=search', '-o', 'name'])).trim()).toBe('modelprovider/alpha');
    expect((await ok(['get', 'agents', '-l', 'team', '-o', 'name'])).trim()).toBe('');
    const none = await pai(['get', 'mp', '-l', 'team=nobody']);
    expect(none.code).toBe(0);
    expect(none.stderr).toMatch(/No model-providers found in namespace default matching -l team=nobody/);
    const bad = await pai(['get', 'mp', '-l', 'a==b==c']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/cannot read the label selector/);
  });

  it('-o jsonpath= and --sort-by', async () => {
    expect(await ok(['get', 'mp', '-o', 'jsonpath={.items[*].metadata.name}', '--sort-by=.metadata.name'])).toBe('alpha mid zeta');
    expect(await ok(['get', 'mp', '-o', 'jsonpath={range .items[*]}{.metadata.name}={.spec.maxTokensPerDay}{"\\n"}{end}', '--sort-by=.spec.maxTokensPerDay'])).toBe('alpha=100\nmid=200\nzeta=300\n');
    expect(await ok(['get', 'mp', 'mid', '-o', 'jsonpath={.metadata.labels.team}'])).toBe('search');
    const table = await ok(['get', 'mp', '--sort-by', '.metadata.name']);
    expect(table.split('\n').slice(1, 4).map((l) => l.split(/\s+/)[0])).toEqual(['alpha', 'mid', 'zeta']);
    const bad = await pai(['get', 'mp', '-o', 'jsonpath={.items[?(@.x)]}']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/supported: \.field/);
    const unknown = await pai(['get', 'mp', '-o', 'xml']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/unknown output format "xml"[\s\S]*jsonpath=TEMPLATE/);
  });

  it('get ak and access-key list show the same columns, and both take -o wide', async () => {
    for (const wide of [false, true]) {
      const extra = wide ? ['-o', 'wide'] : [];
      // Ages tick between the two calls, and a longer age ("9s" → "10s") widens its column.
      const withoutAges = (table: string) => table.replace(/\b\d+[smhd]\b/g, 'AGE').replace(/ +/g, ' ');
      const viaGet = await ok(['get', 'ak', ...extra]);
      const viaList = await ok(['access-key', 'list', ...extra]);
      expect(withoutAges(viaList)).toBe(withoutAges(viaGet));
      expect(viaGet.split('\n')[0]).toMatch(wide ? /^NAMESPACE\s+NAME\s+MODEL PROVIDERS\s+AGENT\s+KEY\s+MAX\/DAY\s+USED TODAY\s+LAST USED\s+KEY AGE\s+PROVIDERS\s+ALLOWED MODELS\s+ALLOWED CIDRS\s+AGE$/ : /^NAME\s+MODEL PROVIDERS\s+AGENT\s+KEY\s+MAX\/DAY\s+USED TODAY\s+LAST USED\s+KEY AGE$/);
    }
    expect(await ok(['get', 'ak', '-o', 'wide'])).toMatch(/127\.0\.0\.0\/8/);
  });

  it('explain KIND[.field] reads schemas/; an unknown field lists the known ones', async () => {
    const out = await ok(['explain', 'mp.spec.maxTokensPerDay']);
    expect(out).toMatch(/^KIND:\s+ModelProvider\nVERSION:\s+pai\.io\/v1\n\nFIELD:\s+spec\.maxTokensPerDay <integer>\n\nDESCRIPTION:\n {4}Daily token budget/);
    expect(out).toMatch(/Minimum: 1/);
    const json = JSON.parse(await ok(['explain', 'agent', '--json']));
    expect(Object.keys(json)).toEqual(['formatVersion', 'kind', 'path', 'type', 'description', 'constraints', 'fields']);
    expect(json.fields.find((f: { name: string }) => f.name === 'spec')).toMatchObject({ type: 'Object' });
    const bad = await pai(['explain', 'mp.spec.maxTokens']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/ModelProvider\.spec has no field "maxTokens"\nHint: its fields: provider, .*maxTokensPerDay/);
  });

  it('delete -f DIR deletes what the files declare, users first; a second run reports each as not found', async () => {
    const dir = path.join(work, 'to-delete');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'a.yaml'), provider('gone', 'x', 1));
    writeFileSync(path.join(dir, 'b.yaml'), 'apiVersion: pai.io/v1\nkind: Agent\nmetadata: {name: gone-agent}\nspec:\n  models: [gone/m1]\n');
    writeFileSync(path.join(dir, 'notes.yaml'), 'just: a note\n');
    await ok(['apply', '-f', dir]);
    const out = await ok(['delete', '-f', dir]);
    expect(out).toBe('agent/gone-agent deleted\nmodelprovider/gone deleted\n');
    const again = await pai(['delete', '-f', dir, '--json']);
    expect(again.code).toBe(1);
    const json = JSON.parse(again.stdout);
    expect(Object.keys(json)).toEqual(['formatVersion', 'results', 'failed']);
    expect(json.failed).toBe(2);
    expect(json.results[0]).toMatchObject({ kind: 'Agent', namespace: 'default', name: 'gone-agent', source: expect.stringMatching(/b\.yaml:1$/), deleted: false, error: { message: expect.stringMatching(/not found/i) } });
  });
});
