import { describe, expect, it } from 'vitest';
import type { Diagnostic, SourceRange } from '../../../../src/api/diagnostic.js';
import { underline } from '../../../../src/cli/render/diagnostics/snippet.js';
import { sanitizeForTerminal } from '../../../../src/cli/render/diagnostics/style.js';
import { renderText } from '../../../../src/cli/render/diagnostics/text.js';
import { inputOf } from './fixture.js';

const range = (line: number, column: number, endLine: number, endColumn: number): SourceRange => ({ file: 'f.yaml', line, column, endLine, endColumn });

/** Renders the underline as the two lines a user sees, to compare by eye. */
function picture(source: string, r: SourceRange): string {
  const u = underline(source, r);
  return `${u.text}\n${' '.repeat(u.caretOffset)}${'^'.repeat(u.caretLength)}`;
}

describe('caret underline', () => {
  const cases: Array<{ name: string; source: string; range: SourceRange; expected: string }> = [
    { name: 'underlines column to endColumn (exclusive)', source: 'model: gpt-4o', range: range(1, 8, 1, 14), expected: 'model: gpt-4o\n       ^^^^^^' },
    { name: 'a one-character range gets one caret', source: 'a: b', range: range(1, 4, 1, 5), expected: 'a: b\n   ^' },
    { name: 'a zero-width range still gets one caret', source: 'spec:', range: range(1, 3, 1, 3), expected: 'spec:\n  ^' },
    { name: 'a range past the end of the line puts one caret after it', source: 'spec:', range: range(1, 6, 1, 6), expected: 'spec:\n     ^' },
    { name: 'a column far past the end is clamped to the end of the line', source: 'ab', range: range(1, 40, 1, 50), expected: 'ab\n  ^' },
    { name: 'a range spanning lines runs to the end of the first line', source: '  budget: 10', range: range(1, 3, 4, 2), expected: '  budget: 10\n  ^^^^^^^^^^' },
    { name: 'an endColumn beyond the line is cut at its end', source: 'key: v', range: range(1, 6, 1, 99), expected: 'key: v\n     ^' },
    { name: 'a tab before the range is shown as four spaces and shifts the carets with it', source: '\tname: x', range: range(1, 8, 1, 9), expected: '    name: x\n          ^' },
    { name: 'a tab inside the range widens the underline to four carets', source: 'a:\tb', range: range(1, 3, 1, 4), expected: 'a:    b\n  ^^^^' },
    { name: 'an empty source line gets one caret at the start', source: '', range: range(1, 1, 1, 1), expected: '\n^' },
    { name: 'trailing spaces are not printed, carets still are', source: 'a:   ', range: range(1, 3, 1, 6), expected: 'a:\n  ^^^' },
  ];
  for (const c of cases) it(c.name, () => expect(picture(c.source, c.range)).toBe(c.expected));
});

describe('text format', () => {
  const model: Diagnostic = {
    code: 'unknown-model',
    severity: 'error',
    message: 'model "claude-sonet-4-6" is not in the anthropic catalogue',
    hint: 'did you mean "claude-sonnet-4-6"?',
    range: { file: 'config/agents.yaml', line: 12, column: 9, endLine: 12, endColumn: 35 },
  };
  const sources = { 'config/agents.yaml': [...Array(11).fill('x: 1'), '      - anthropic/claude-sonet-4-6'] };

  it('prints the rustc-style block of the documentation example', () => {
    expect(renderText(inputOf([model], sources, { filesChecked: 14, resourcesChecked: 31 }))).toBe(
      [
        'error[unknown-model]: model "claude-sonet-4-6" is not in the anthropic catalogue',
        '  --> config/agents.yaml:12:9',
        '   |',
        '12 |       - anthropic/claude-sonet-4-6',
        '   |         ^^^^^^^^^^^^^^^^^^^^^^^^^^',
        '   = hint: did you mean "claude-sonnet-4-6"?',
        '',
        '✖ 1 error in 14 files (31 resources)',
        '',
      ].join('\n'),
    );
  });

  it('without the source text prints the location but no snippet', () => {
    expect(renderText(inputOf([model], {}))).toContain('  --> config/agents.yaml:12:9\n   = hint: did you mean');
    const { sourceLine: _omitted, ...noLookup } = inputOf([model]);
    expect(renderText(noLookup)).toContain('  --> config/agents.yaml:12:9\n   = hint:');
  });

  it('without a range prints only the header and the hint', () => {
    const d: Diagnostic = { code: 'path-not-found', severity: 'error', message: 'path "x" does not exist', hint: 'check the spelling' };
    expect(renderText(inputOf([d]))).toBe('error[path-not-found]: path "x" does not exist\n  = hint: check the spelling\n\n✖ 1 error in 1 file (1 resource)\n');
  });

  const summaries: Array<[string, Diagnostic['severity'][], number, number, string]> = [
    ['no problems', [], 14, 31, '✓ 14 files, 31 resources: no problems'],
    ['singulars', ['error'], 1, 1, '✖ 1 error in 1 file (1 resource)'],
    ['errors and warnings', ['error', 'error', 'warning'], 14, 31, '✖ 2 errors, 1 warning in 14 files (31 resources)'],
    ['warnings only', ['warning', 'warning'], 2, 0, '⚠ 2 warnings in 2 files (0 resources)'],
  ];
  for (const [name, severities, files, resources, expected] of summaries) {
    it(`summary line: ${name}`, () => {
      const diagnostics = severities.map((severity): Diagnostic => ({ code: 'schema-invalid', severity, message: 'm' }));
      const out = renderText(inputOf(diagnostics, {}, { filesChecked: files, resourcesChecked: resources }));
      expect(out.trimEnd().split('\n').at(-1)).toBe(expected);
    });
  }

  it('adds the catalogue note under the summary', () => {
    const out = renderText(inputOf([], {}, { catalogNote: 'model catalogue: snapshot of 2026-07-02 (146 days old)' }));
    expect(out).toBe('✓ 1 file, 1 resource: no problems\n  model catalogue: snapshot of 2026-07-02 (146 days old)\n');
  });

  it('colours only when asked: red errors, yellow warnings, dim gutter', () => {
    const warning: Diagnostic = { ...model, severity: 'warning' };
    expect(renderText(inputOf([model, warning], sources))).not.toContain('\x1b');
    const out = renderText(inputOf([model, warning], sources, { color: true }));
    expect(out).toContain('\x1b[31m\x1b[1merror[unknown-model]\x1b[22m\x1b[39m');
    expect(out).toContain('\x1b[33m\x1b[1mwarning[unknown-model]\x1b[22m\x1b[39m');
    expect(out).toContain('\x1b[2m  -->\x1b[22m');
    expect(out).toContain('\x1b[31m^^^^');
  });

  it('neutralises escape sequences coming from manifests (source lines, messages, file names)', () => {
    const evil: Diagnostic = {
      code: 'schema-type',
      severity: 'error',
      message: 'value \x1b]0;pwned\x07 is wrong',
      range: { file: 'x\x1b[2J.yaml', line: 1, column: 1, endLine: 1, endColumn: 2 },
    };
    const out = renderText(inputOf([evil], { 'x\x1b[2J.yaml': ['a: \x1b[31mred'] }));
    expect(out).not.toContain('\x1b');
    expect(out).not.toContain('\x07');
    expect(out).toContain('a: \uFFFD[31mred');
  });

  it('indents continuation lines of multi-line messages and hints', () => {
    const d: Diagnostic = { code: 'yaml-syntax', severity: 'error', message: 'bad YAML:\r\n  a: b: c', hint: 'quote the value\nor use a block' };
    expect(renderText(inputOf([d]))).toContain('error[yaml-syntax]: bad YAML:\n    a: b: c\n  = hint: quote the value\n          or use a block\n');
  });
});

describe('sanitizeForTerminal', () => {
  it('keeps one code unit per code unit so columns still line up', () => {
    const line = '\x1b[1mx\x7f\x9b';
    expect(sanitizeForTerminal(line)).toHaveLength(line.length);
  });
  it('keeps tabs, and newlines only when asked', () => {
    expect(sanitizeForTerminal('a\tb\nc')).toBe('a\tb\uFFFDc');
    expect(sanitizeForTerminal('a\tb\r\nc', true)).toBe('a\tb\nc');
  });
});
