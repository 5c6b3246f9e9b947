import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES } from '../../../../src/api/diagnostic-codes.js';
import type { Diagnostic } from '../../../../src/api/diagnostic.js';
import { renderSarif, sarifArtifactLocation } from '../../../../src/cli/render/diagnostics/sarif.js';
import { inputOf, loadRenderFixture, RENDER_FIXTURES } from './fixture.js';
import { compileSchemaFile, errorsOf } from './schema-validator.js';

const validate = compileSchemaFile(path.join(RENDER_FIXTURES, 'sarif-2.1.0.trimmed.schema.json'), { strict: false });;

// The parts of a SARIF log these tests read.
interface Log {
  $schema: string;
  version: string;
  runs: Array<{
    tool: { driver: { name: string; version: string; informationUri: string; rules: Array<{ id: string; shortDescription: { text: string }; helpUri: string }> } };
    invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications?: Array<{ level: string; message: { text: string }; associatedRule: { id: string; index: number } }> }>;
    results: Array<{ ruleId: string; ruleIndex: number; level: string; message: { text: string }; locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: object } }> }>;
  }>;
}
const parse = (text: string) => JSON.parse(text) as Log;

describe('sarif format', () => {
  it('the golden output is valid against the (trimmed) SARIF 2.1.0 schema', () => {
    expect(errorsOf(validate, JSON.parse(renderSarif(loadRenderFixture())))).toEqual([]);
  });

  it('the schema is not vacuous: it rejects broken logs', () => {
    const good = JSON.parse(renderSarif(loadRenderFixture())) as any;
    const cases: Array<[string, (log: any) => void]> = [
      ['a misspelt property', (log) => (log.runs[0].results[0].locations[0].physicalLocation.region.startColum = 1)],
      ['a 0 line', (log) => (log.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0)],
      ['an unknown level', (log) => (log.runs[0].results[0].level = 'fatal')],
      ['a result without a message', (log) => delete log.runs[0].results[0].message],
      ['a driver without a name', (log) => delete log.runs[0].tool.driver.name],
      ['version 2.0.0', (log) => (log.version = '2.0.0')],
    ];
    for (const [name, mutate] of cases) {
      const copy = structuredClone(good);
      mutate(copy);
      expect(errorsOf(validate, copy), name).not.toEqual([]);
    }
  });

  it('a clean run is valid too: one run, no rules, no results, a successful invocation', () => {
    const log = parse(renderSarif(inputOf([])));
    expect(errorsOf(validate, log)).toEqual([]);
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0]!.tool.driver.rules).toEqual([]);
    expect(log.runs[0]!.results).toEqual([]);
    expect(log.runs[0]!.invocations).toEqual([{ executionSuccessful: true }]);
  });

  it('names the schema and version, and describes the tool', () => {
    const log = parse(renderSarif(inputOf([], {}, { toolVersion: '1.2.3' })));
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0]!.tool.driver).toMatchObject({ name: 'pai', version: '1.2.3', informationUri: 'https://github.com/pai-dev/pai' });
  });

  it('lists one rule per code used, sorted, with its summary and documentation link; results point at them', () => {
    const at = (file: string, line: number) => ({ file, line, column: 1, endLine: line, endColumn: 4 });
    const diagnostics: Diagnostic[] = [
      { code: 'unknown-model', severity: 'error', message: 'a', range: at('a.yaml', 1) },
      { code: 'model-deprecated', severity: 'warning', message: 'b', hint: 'use c', range: at('a.yaml', 2) },
      { code: 'unknown-model', severity: 'error', message: 'd', range: at('b.yaml', 1) },
    ];
    const run = parse(renderSarif(inputOf(diagnostics))).runs[0]!;
    expect(run.tool.driver.rules).toEqual([
      { id: 'model-deprecated', shortDescription: { text: DIAGNOSTIC_CODES['model-deprecated'].summary }, helpUri: 'https://github.com/pai-dev/pai/blob/main/docs/diagnostics.md#model-deprecated' },
      { id: 'unknown-model', shortDescription: { text: DIAGNOSTIC_CODES['unknown-model'].summary }, helpUri: 'https://github.com/pai-dev/pai/blob/main/docs/diagnostics.md#unknown-model' },
    ]);
    expect(run.results.map((r) => [r.ruleId, r.ruleIndex, r.level, r.message.text])).toEqual([
      ['unknown-model', 1, 'error', 'a'],
      ['model-deprecated', 0, 'warning', 'b (use c)'],
      ['unknown-model', 1, 'error', 'd'],
    ]);
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
  });

  it('copies the range into the region unchanged (both exclusive endColumn, 1-based)', () => {
    const d: Diagnostic = { code: 'schema-type', severity: 'error', message: 'm', range: { file: 'dir/a.yaml', line: 3, column: 5, endLine: 4, endColumn: 2 } };
    const [result] = parse(renderSarif(inputOf([d]))).runs[0]!.results;
    expect(result!.locations).toEqual([
      { physicalLocation: { artifactLocation: { uri: 'dir/a.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 3, startColumn: 5, endLine: 4, endColumn: 2 } } },
    ]);
  });

  it('turns diagnostics without a range into invocation notifications, since GitHub rejects results without a location', () => {
    const diagnostics: Diagnostic[] = [
      { code: 'unresolved-secret', severity: 'warning', message: 'secret not declared' },
      { code: 'path-not-found', severity: 'error', message: 'no such path', hint: 'check it' },
    ];
    const log = parse(renderSarif(inputOf(diagnostics)));
    expect(errorsOf(validate, log)).toEqual([]);
    const run = log.runs[0]!;
    expect(run.results).toEqual([]);
    expect(run.invocations[0]).toEqual({
      executionSuccessful: false,
      toolExecutionNotifications: [
        { level: 'warning', message: { text: 'secret not declared' }, associatedRule: { id: 'unresolved-secret', index: 1 } },
        { level: 'error', message: { text: 'no such path (check it)' }, associatedRule: { id: 'path-not-found', index: 0 } },
      ],
    });
    // A warning alone does not fail the run.
    expect(parse(renderSarif(inputOf([diagnostics[0]!]))).runs[0]!.invocations[0]!.executionSuccessful).toBe(true);
  });

  const uris: Array<[string, string, { uri: string; uriBaseId?: string }]> = [
    ['a relative path is relative to %SRCROOT%', 'config/a.yaml', { uri: 'config/a.yaml', uriBaseId: '%SRCROOT%' }],
    ['a leading ./ is dropped', './a.yaml', { uri: 'a.yaml', uriBaseId: '%SRCROOT%' }],
    ['backslashes become slashes', 'config\\a.yaml', { uri: 'config/a.yaml', uriBaseId: '%SRCROOT%' }],
    ['spaces, %, # and : are percent-encoded per segment', 'my dir/a:b#1 100%.yaml', { uri: 'my%20dir/a%3Ab%231%20100%25.yaml', uriBaseId: '%SRCROOT%' }],
    ['an absolute POSIX path becomes a file URI', '/etc/pai/a b.yaml', { uri: 'file:///etc/pai/a%20b.yaml' }],
    ['an absolute Windows path keeps its drive', 'C:\\pai\\a.yaml', { uri: 'file:///C:/pai/a.yaml' }],
  ];
  for (const [name, file, expected] of uris) it(`artifact location: ${name}`, () => expect(sarifArtifactLocation(file)).toEqual(expected));
});
