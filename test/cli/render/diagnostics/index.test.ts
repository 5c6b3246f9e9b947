import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_FORMATS, parseDiagnosticFormat, renderDiagnostics, renderGithub, renderJson, renderSarif, renderText } from '../../../../src/cli/render/diagnostics/index.js';
import { VALIDATE_FLAGS } from '../../../../src/cli/validate-options.js';
import { inputOf, loadRenderFixture } from './fixture.js';

describe('parseDiagnosticFormat', () => {
  const cases: Array<[string, string | undefined]> = [
    ['text', 'text'],
    ['json', 'json'],
    ['github', 'github'],
    ['sarif', 'sarif'],
    ['JSON', undefined],
    [' text', undefined],
    ['stylish', undefined],
    ['', undefined],
    ['toString', undefined],
  ];
  for (const [value, expected] of cases) it(`${JSON.stringify(value)} → ${expected ?? 'undefined'}`, () => expect(parseDiagnosticFormat(value)).toBe(expected));
});

describe('renderDiagnostics', () => {
  it('lists the four formats, the same ones the validate command offers', () => {
    expect(DIAGNOSTIC_FORMATS).toEqual(['text', 'json', 'github', 'sarif']);
    expect([...VALIDATE_FLAGS.format.options]).toEqual([...DIAGNOSTIC_FORMATS]);
  });

  it('dispatches each format to its renderer', () => {
    const input = loadRenderFixture();
    const renderers = { text: renderText, json: renderJson, github: renderGithub, sarif: renderSarif };
    for (const format of DIAGNOSTIC_FORMATS) expect(renderDiagnostics(format, input)).toBe(renderers[format](input));
  });

  it('is pure: rendering twice gives the same text and leaves the input untouched', () => {
    const input = loadRenderFixture();
    const before = JSON.stringify(input.diagnostics);
    for (const format of DIAGNOSTIC_FORMATS) {
      expect(renderDiagnostics(format, input)).toBe(renderDiagnostics(format, input));
      expect(renderDiagnostics(format, input).endsWith('\n')).toBe(true);
    }
    expect(JSON.stringify(input.diagnostics)).toBe(before);
  });

  it('machine formats parse as JSON even for an empty run', () => {
    for (const format of ['json', 'sarif'] as const) expect(() => JSON.parse(renderDiagnostics(format, inputOf([])))).not.toThrow();
  });
});
