/**
 * YAML structure errors: one diagnostic per cause, at the line that is wrong (golden positions in
 * fixtures/invalid/yaml-syntax*; these pin what the messages say about the cause).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFile } from '../../../src/compiler/load/parse-file.js';
import { loadYaml, SourceFile } from '../../../src/compiler/load/source-file.js';
import { REPO_ROOT } from '../../helpers/cli.js';

async function diagnosticsOf(text: string) {
  await loadYaml();
  const parsed = parseFile(new SourceFile('input.yaml', text));
  if (parsed === 'needs-yaml') throw new Error('yaml not loaded');
  return parsed.diagnostics.map((d) => ({ code: d.code, line: d.range?.line, column: d.range?.column, message: d.message }));
}

const fixture = (name: string) => readFileSync(path.join(REPO_ROOT, 'fixtures/invalid', name, 'input.yaml'), 'utf8');

describe('YAML structure errors', () => {
  it('a key moved to column 0 is one error on its own line, naming the column it belongs at', async () => {
    expect(await diagnosticsOf(fixture('yaml-syntax--indentation'))).toEqual([
      { code: 'yaml-syntax', line: 10, column: 1, message: 'key "maxPerRequest" starts at column 1, but the lines around it are at column 5' },
    ]);
  });

  it('the first key of a block moved to column 0 is the error, not the keys after it', async () => {
    const text = 'spec:\n  tokens:\n    maxPerDay: 5\n  rateLimits:\nmaxRequestsPerMinute: 60\n    maxConcurrentRequests: 4\n    maxCostPerDayUSD: 2\n';
    expect(await diagnosticsOf(text)).toEqual([{ code: 'yaml-syntax', line: 5, column: 1, message: 'key "maxRequestsPerMinute" starts at column 1, but the lines around it are at column 5' }]);
  });

  it('a sequence entry that lines up with nothing is one error on its line', async () => {
    expect((await diagnosticsOf('spec:\n  models:\n    - a\n   - b\n  x: 1\n')).map((d) => [d.line, d.column])).toEqual([[4, 4]]);
  });

  it('a key indented too far is one error on its line', async () => {
    expect(await diagnosticsOf('spec:\n  a: 1\n    b: 2\n  c: 3\n')).toEqual([{ code: 'yaml-syntax', line: 3, column: 5, message: 'key "b" is indented more than the line above, which takes no nested block' }]);
  });

  it('an unclosed flow collection points at where it opened and says where yaml noticed', async () => {
    expect(await diagnosticsOf(fixture('yaml-syntax--unclosed-flow'))).toEqual([
      { code: 'yaml-syntax', line: 8, column: 20, message: 'the flow mapping `{` opened here is not closed (yaml is still inside it at line 9)' },
    ]);
  });

  it('brackets inside quoted and plain scalars do not count as openings', async () => {
    const text = 'a: "x [y"\nb: see [docs\nc: [1, 2\nd: 4\n';
    expect((await diagnosticsOf(text)).map((d) => [d.line, d.column])).toEqual([[3, 4]]);
  });

  it('duplicate keys are each reported, beside one structure error', async () => {
    const codes = (await diagnosticsOf('a: 1\na: 2\nb: 1\nb: 2\n')).map((d) => d.code);
    expect(codes).toEqual(['yaml-duplicate-key', 'yaml-duplicate-key']);
  });
});
