import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../../src/api/diagnostic.js';
import { escapeGithubData, escapeGithubProperty, renderGithub } from '../../../../src/cli/render/diagnostics/github.js';
import { inputOf } from './fixture.js';

describe('GitHub workflow command escaping', () => {
  const cases: Array<[string, string, string, string]> = [
    // name, input, as data, as property
    ['plain text is unchanged', 'model gpt-4o', 'model gpt-4o', 'model gpt-4o'],
    ['percent first, so escapes survive', '100%0A', '100%250A', '100%250A'],
    ['CR and LF end a command: escaped', 'a\r\nb\nc', 'a%0D%0Ab%0Ac', 'a%0D%0Ab%0Ac'],
    ['colon and comma delimit properties only', 'a:b,c', 'a:b,c', 'a%3Ab%2Cc'],
    ['a forged second command stays on one line', 'x\n::error::forged', 'x%0A::error::forged', 'x%0A%3A%3Aerror%3A%3Aforged'],
  ];
  for (const [name, input, data, property] of cases) {
    it(name, () => {
      expect(escapeGithubData(input)).toBe(data);
      expect(escapeGithubProperty(input)).toBe(property);
    });
  }
});

describe('github format', () => {
  const base: Diagnostic = { code: 'unknown-model', severity: 'error', message: 'model "x" is unknown', hint: 'did you mean "y"?' };
  const cases: Array<{ name: string; diagnostic: Diagnostic; expected: string }> = [
    {
      name: 'a single-line range gives file, line, col, endLine, endColumn (inclusive) and title',
      diagnostic: { ...base, range: { file: 'config/agents.yaml', line: 12, column: 9, endLine: 12, endColumn: 35 } },
      expected: '::error file=config/agents.yaml,line=12,col=9,endLine=12,endColumn=34,title=pai unknown-model::model "x" is unknown (did you mean "y"?)',
    },
    {
      name: 'warnings use ::warning and a diagnostic without a hint has no parentheses',
      diagnostic: { code: 'model-deprecated', severity: 'warning', message: 'deprecated', range: { file: 'a.yaml', line: 1, column: 1, endLine: 1, endColumn: 2 } },
      expected: '::warning file=a.yaml,line=1,col=1,endLine=1,endColumn=1,title=pai model-deprecated::deprecated',
    },
    {
      name: 'a multi-line range drops the columns, which the runner refuses across lines',
      diagnostic: { ...base, range: { file: 'a.yaml', line: 3, column: 5, endLine: 6, endColumn: 4 } },
      expected: '::error file=a.yaml,line=3,endLine=6,title=pai unknown-model::model "x" is unknown (did you mean "y"?)',
    },
    {
      name: 'a range ending at column 1 of the next line ends on its own line',
      diagnostic: { ...base, range: { file: 'a.yaml', line: 3, column: 5, endLine: 4, endColumn: 1 } },
      expected: '::error file=a.yaml,line=3,col=5,endLine=3,endColumn=5,title=pai unknown-model::model "x" is unknown (did you mean "y"?)',
    },
    {
      name: 'no range: no file properties, only the title',
      diagnostic: { code: 'path-not-found', severity: 'error', message: 'path "a,b" does not exist' },
      expected: '::error title=pai path-not-found::path "a,b" does not exist',
    },
    {
      name: 'file names and messages are escaped by their own rules',
      diagnostic: { code: 'schema-format', severity: 'error', message: '50%, a:b\nsecond', hint: 'x\ry', range: { file: 'we,ird:100%.yaml', line: 1, column: 1, endLine: 1, endColumn: 3 } },
      expected: '::error file=we%2Cird%3A100%25.yaml,line=1,col=1,endLine=1,endColumn=2,title=pai schema-format::50%25, a:b%0Asecond (x%0Dy)',
    },
  ];
  for (const { name, diagnostic, expected } of cases) {
    it(name, () => {
      const [annotation, ...rest] = renderGithub(inputOf([diagnostic])).split('\n');
      expect(annotation).toBe(expected);
      expect(rest).toEqual(['pai: 1 ' + (diagnostic.severity === 'error' ? 'error' : 'warning') + ' in 1 file (1 resource)', '']);
    });
  }

  it('one line per diagnostic plus a plain summary line; nothing found still says what was checked', () => {
    expect(renderGithub(inputOf([], {}, { filesChecked: 14, resourcesChecked: 31 }))).toBe('pai: 14 files, 31 resources: no problems\n');
    const out = renderGithub(inputOf([base, { ...base, severity: 'warning' }]));
    expect(out.split('\n').filter((l) => l.startsWith('::'))).toHaveLength(2);
  });
});
