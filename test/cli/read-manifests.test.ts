import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readManifests } from '../../src/cli/read-manifests.js';
import { clearSensitive, redact } from '../../src/cli/sensitive.js';
import { UserError } from '../../src/lib/user-error.js';

afterEach(() => clearSensitive());

const noStdin = async () => '';
const mp = (name: string) => `apiVersion: pai.io/v1\nkind: ModelProvider\nmetadata: {name: ${name}}\nspec: {provider: anthropic}\n`;

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pai-read-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

async function problems(inputs: string[], stdin = noStdin): Promise<string[]> {
  try {
    await readManifests(inputs, stdin);
  } catch (err) {
    if (err instanceof UserError) return err.details.length ? err.details : [err.message];
    throw err;
  }
  return [];
}

describe('readManifests', () => {
  it('reads a multi-document file with the line of each document', async () => {
    const dir = tree({ 'a.yaml': `${mp('one')}---\n${mp('two')}` });
    const docs = await readManifests([path.join(dir, 'a.yaml')], noStdin);
    expect(docs.map((d) => [d.manifest.metadata.name, d.source])).toEqual([
      ['one', `${path.join(dir, 'a.yaml')}:1`],
      ['two', `${path.join(dir, 'a.yaml')}:6`],
    ]);
  });

  it('walks a directory recursively in name order, skipping hidden entries and non-pai documents', async () => {
    const dir = tree({ 'b.yaml': mp('b'), 'sub/a.yml': mp('a'), '.hidden/x.yaml': mp('hidden'), 'ci.yaml': 'name: CI\non: push\n', 'notes.txt': 'x', 'c.json': JSON.stringify({ apiVersion: 'pai.io/v1', kind: 'Secret', metadata: { name: 'c' } }) });
    const docs = await readManifests([dir], noStdin);
    expect(docs.map((d) => d.manifest.metadata.name)).toEqual(['b', 'c', 'a']);
  });

  it('reads stdin for -', async () => {
    const docs = await readManifests(['-'], async () => mp('piped'));
    expect(docs[0]).toMatchObject({ source: '<stdin>:1', manifest: { metadata: { name: 'piped' } } });
  });

  it('collects every problem before sending anything', async () => {
    const dir = tree({ 'bad.yaml': 'apiVersion: pai.io/v1\nkind: Nope\nmetadata: {name: x}\n---\n- a list\n---\napiVersion: v1\nkind: ConfigMap\n---\napiVersion: pai.io/v1\nkind: Agent\nmetadata: {}\n' });
    const found = await problems([path.join(dir, 'bad.yaml'), path.join(dir, 'missing.yaml')]);
    expect(found.map((p) => p.replace(dir + path.sep, ''))).toEqual([
      'bad.yaml:1: unknown kind "Nope"',
      'bad.yaml:5: not a mapping; a manifest has apiVersion, kind, metadata and spec',
      'bad.yaml:7: apiVersion must be pai.io/v1',
      'bad.yaml:10: metadata.name is required',
      'missing.yaml: no such file or directory',
    ]);
  });

  it('reports YAML errors by line and column without quoting the source', async () => {
    const found = await problems(['-'], async () => 'apiVersion: pai.io/v1\nkind: Secret\nmetadata: {name: s}\nspec:\n  stringData:\n    k: "sk-ant-CANARY\n  x: [\n');
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]).toMatch(/^<stdin>:\d+:\d+: YAML: /);
    expect(found.join('\n')).not.toContain('CANARY');
  });

  it('registers Secret values (plain and base64-decoded) as sensitive', async () => {
    await readManifests(['-'], async () => 'apiVersion: pai.io/v1\nkind: Secret\nmetadata: {name: s}\nspec:\n  stringData: {a: sk-ant-CANARY1}\n  data: {b: ' + Buffer.from('CANARY-DECODED').toString('base64') + '}\n');
    expect(redact('sk-ant-CANARY1 CANARY-DECODED')).toBe('(secret) (secret)');
  });

  it('an input without manifests is an error', async () => expect(await problems(['-'], async () => '# nothing\n')).toEqual(['the input holds no pai manifests']));
});
