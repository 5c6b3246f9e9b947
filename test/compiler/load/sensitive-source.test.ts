import { describe, expect, it } from 'vitest';
import { loadYaml, SourceFile } from '../../../src/compiler/load/source-file.js';

const HEADER = 'apiVersion: pai.io/v1\nkind: Secret\nmetadata:\n  name: s\n';

async function masked(body: string): Promise<Array<{ line: string; hidden: string[] }>> {
  await loadYaml();
  const source = new SourceFile('s.yaml', HEADER + body);
  const out: Array<{ line: string; hidden: string[] }> = [];
  for (let n = 5; source.line(n) !== undefined; n++) {
    const { text, masked: spans } = source.maskedLine(n)!;
    out.push({ line: text, hidden: spans.map(([a, b]) => text.slice(a, b)) });
  }
  if (out.at(-1)?.line === '') out.pop(); // after the final line break
  return out;
}

describe('SourceFile.maskedLine: secret values by YAML position', () => {
  it('masks values of any shape, keeps keys and the non-secret fields', async () => {
    expect(await masked('spec:\n  type: Opaque\n  stringData:\n    a: one value\n    n: 12345\n    l: [x1, x2]\n')).toEqual([
      { line: 'spec:', hidden: [] },
      { line: '  type: Opaque', hidden: [] },
      { line: '  stringData:', hidden: [] },
      { line: '    a: one value', hidden: ['one value'] },
      { line: '    n: 12345', hidden: ['12345'] },
      { line: '    l: [x1, x2]', hidden: ['x1', 'x2'] },
    ]);
  });

  it('masks every line of a multi-line value', async () => {
    const lines = await masked('spec:\n  data:\n    k: |\n      first\n      second\n');
    expect(lines.slice(2).map((l) => l.hidden.join('').trim())).toEqual(['|', 'first', 'second']);
  });

  it('masks values in YAML that does not parse: a duplicate key, a broken key, an unterminated quote', async () => {
    expect((await masked('spec:\n  stringData:\n    k: first\n    k: second\n')).map((l) => l.hidden)).toEqual([[], [], ['first'], ['second']]);
    const broken = await masked('spec:\n  stringData:\n    k: leaked-key-text\n      nested: x\n');
    expect(broken[2]!.hidden.join('')).toContain('leaked-key-text');
    const quote = await masked('spec:\n  stringData:\n    k: "never closed\n');
    expect(quote[2]!.hidden.join('')).toContain('never closed');
  });

  it('a document of another kind has nothing masked', async () => {
    await loadYaml();
    const source = new SourceFile('a.yaml', 'apiVersion: pai.io/v1\nkind: Agent\nmetadata:\n  name: a\nspec:\n  image: x\n');
    expect(source.maskedLine(6)!.masked).toEqual([]);
  });
});
