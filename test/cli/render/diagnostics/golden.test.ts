/**
 * Golden tests of the diagnostics renderers: fixtures/render/diagnostics.json rendered in every
 * format must equal fixtures/render/expected.* byte for byte. After an intended change to a
 * format, regenerate the files and review the diff:
 *
 *   UPDATE_GOLDEN=1 npx vitest run test/cli/render/diagnostics
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderDiagnostics, type DiagnosticFormat } from '../../../../src/cli/render/diagnostics/index.js';
import { loadRenderFixture, RENDER_FIXTURES } from './fixture.js';

const update = process.env.UPDATE_GOLDEN === '1';

const CASES: Array<{ name: string; format: DiagnosticFormat; color: boolean; file: string }> = [
  { name: 'text without colour', format: 'text', color: false, file: 'expected.text.txt' },
  { name: 'text with ANSI colour', format: 'text', color: true, file: 'expected.text-color.txt' },
  { name: 'json', format: 'json', color: false, file: 'expected.json' },
  { name: 'github workflow commands', format: 'github', color: false, file: 'expected.github.txt' },
  { name: 'sarif', format: 'sarif', color: false, file: 'expected.sarif' },
];

describe('diagnostics renderers match their golden files', () => {
  for (const { name, format, color, file } of CASES) {
    it(`${name} (${file})`, () => {
      const actual = renderDiagnostics(format, loadRenderFixture({ color }));
      const expectedFile = path.join(RENDER_FIXTURES, file);
      if (update) writeFileSync(expectedFile, actual);
      // A missing expected file fails: it is written only when asked for, after a review of the output.
      expect(existsSync(expectedFile), `${expectedFile} is missing: review the output, then run with UPDATE_GOLDEN=1`).toBe(true);
      expect(actual).toBe(readFileSync(expectedFile, 'utf8'));
    });
  }

  it('colour only adds escape codes: stripping them gives the plain text', () => {
    const plain = renderDiagnostics('text', loadRenderFixture({ color: false }));
    const coloured = renderDiagnostics('text', loadRenderFixture({ color: true }));
    expect(coloured).not.toBe(plain);
    expect(coloured.replace(/\x1b\[\d+m/g, '')).toBe(plain);
  });

  it('no format shows the (fake) API key of a source line or prints an escape code without colour', () => {
    for (const format of ['text', 'json', 'github', 'sarif'] as const) {
      const out = renderDiagnostics(format, loadRenderFixture({ color: false }));
      expect(out).not.toContain('sk-ant-');
      expect(out).not.toContain('\x1b');
    }
  });
});
