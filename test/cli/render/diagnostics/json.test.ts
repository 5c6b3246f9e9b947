import path from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALL_CODES } from '../../../../src/api/diagnostic-codes.js';
import type { Diagnostic } from '../../../../src/api/diagnostic.js';
import { renderJson, toJsonDiagnostic, type ValidateResultJson } from '../../../../src/cli/render/diagnostics/json.js';
import { REPO_ROOT } from '../../../helpers/cli.js';
import { inputOf, loadRenderFixture } from './fixture.js';
import { compileSchemaFile, errorsOf } from './schema-validator.js';

const SCHEMA_FILE = path.join(REPO_ROOT, 'schemas/output/validate-result.schema.json');
const validate = compileSchemaFile(SCHEMA_FILE);

const located: Diagnostic = {
  code: 'unknown-model',
  severity: 'error',
  message: 'model "x" is unknown',
  hint: 'did you mean "y"?',
  range: { file: 'a.yaml', line: 2, column: 3, endLine: 2, endColumn: 9 },
  pointer: '/spec/models/0',
  resource: { kind: 'Agent', namespace: 'default', name: 'bot' },
};

describe('json format', () => {
  it('the golden output validates against schemas/output/validate-result.schema.json', () => {
    const output = JSON.parse(renderJson(loadRenderFixture())) as unknown;
    expect(errorsOf(validate, output)).toEqual([]);
  });

  it('a clean run validates too and reports zero counts', () => {
    const output = JSON.parse(renderJson(inputOf([], {}, { filesChecked: 3, resourcesChecked: 5 }))) as ValidateResultJson;
    expect(errorsOf(validate, output)).toEqual([]);
    expect(output.summary).toEqual({ errors: 0, warnings: 0, files: 3, resources: 5 });
    expect(output.diagnostics).toEqual([]);
  });

  it('the schema rejects what the format must never contain', () => {
    const good = JSON.parse(renderJson(inputOf([located]))) as ValidateResultJson;
    const cases: Array<[string, (r: any) => void]> = [
      ['an unknown top-level field', (r) => (r.extra = 1)],
      ['a null hint', (r) => (r.diagnostics[0].hint = null)],
      ['a code that is not in codes.ts', (r) => (r.diagnostics[0].code = 'no-such-code')],
      ['severity "info"', (r) => (r.diagnostics[0].severity = 'info')],
      ['a file without line and column', (r) => (delete r.diagnostics[0].line, delete r.diagnostics[0].column)],
      ['a 0 column (columns are 1-based)', (r) => (r.diagnostics[0].column = 0)],
      ['another formatVersion', (r) => (r.formatVersion = 2)],
    ];
    for (const [name, mutate] of cases) {
      const copy = structuredClone(good) as any;
      mutate(copy);
      expect(errorsOf(validate, copy), name).not.toEqual([]);
    }
  });

  it("the schema's code enum is exactly the codes of codes.ts", () => {
    const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as { $defs: { diagnostic: { properties: { code: { enum: string[] } } } } };
    expect([...schema.$defs.diagnostic.properties.code.enum].sort()).toEqual([...ALL_CODES].sort());
  });

  it('flattens the range beside the code and omits absent fields instead of writing null', () => {
    expect(toJsonDiagnostic(located)).toEqual({
      code: 'unknown-model',
      severity: 'error',
      message: 'model "x" is unknown',
      hint: 'did you mean "y"?',
      file: 'a.yaml',
      line: 2,
      column: 3,
      endLine: 2,
      endColumn: 9,
      pointer: '/spec/models/0',
      resource: { kind: 'Agent', namespace: 'default', name: 'bot' },
    });
    expect(Object.keys(toJsonDiagnostic({ code: 'path-not-found', severity: 'error', message: 'm' }))).toEqual(['code', 'severity', 'message']);
  });

  it('is two-space indented, ends with a newline, and ignores colour and the catalogue note', () => {
    const plain = renderJson(inputOf([located]));
    expect(plain.endsWith('}\n')).toBe(true);
    expect(plain).toContain('\n  "formatVersion": 1,');
    expect(renderJson(inputOf([located], {}, { color: true, catalogNote: 'model catalogue: x' }))).toBe(plain);
  });
});
