/**
 * Golden tests of the compiler over fixtures/: the documentation examples validate clean, and each
 * folder of fixtures/invalid/ gives exactly the diagnostics in its expected.json (code, severity,
 * file, line, column). Regenerate after an intended change with: UPDATE_GOLDEN=1 npx vitest run test/compile
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/compile.js';
import { REPO_ROOT } from '../helpers/cli.js';

const INVALID = path.join(REPO_ROOT, 'fixtures/invalid');
const update = process.env.UPDATE_GOLDEN === '1';
/** Model lifecycles depend on the date: pin it so that shutdown dates passing do not change goldens. */
const NOW = new Date('2026-11-25T12:00:00Z');

interface Expected {
  code: string;
  severity: string;
  file: string;
  line: number;
  column: number;
}

describe('valid fixtures', () => {
  it('the documentation examples validate with no errors and no warnings', async () => {
    const result = await compile({ paths: ['fixtures/valid'], cwd: REPO_ROOT, now: NOW });
    expect(result.diagnostics).toEqual([]);
    expect(result.resources.length).toBeGreaterThanOrEqual(14);
  });
});

describe('invalid fixtures', () => {
  for (const name of readdirSync(INVALID).sort()) {
    it(`${name} gives exactly its expected diagnostics`, async () => {
      const dir = path.join(INVALID, name);
      const result = await compile({ paths: [dir], cwd: dir, now: NOW });
      const actual: Expected[] = result.diagnostics.map((d) => ({
        code: d.code,
        severity: d.severity,
        file: d.range?.file ?? '',
        line: d.range?.line ?? 0,
        column: d.range?.column ?? 0,
      }));
      const expectedFile = path.join(dir, 'expected.json');
      if (update) writeFileSync(expectedFile, JSON.stringify(actual, null, 2) + '\n');
      expect(existsSync(expectedFile), `${expectedFile} is missing: review the output, then run with UPDATE_GOLDEN=1`).toBe(true);
      const expected = JSON.parse(readFileSync(expectedFile, 'utf8')) as Expected[];
      expect(actual).toEqual(expected);
      // The folder is named after the code it demonstrates (variants after a double dash).
      expect(actual.map((d) => d.code)).toContain(name.split('--')[0]);
      // No message may echo a credential.
      for (const d of result.diagnostics) expect(`${d.message} ${d.hint ?? ''}`).not.toMatch(/sk-ant-api03/);
    });
  }
});
