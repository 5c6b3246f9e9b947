import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { textMayHoldKey } from '../../../src/compiler/check/rules/inline-keys.js';
import { compile } from '../../../src/compiler/compile.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The compiler skips scanning the strings of files whose text cannot hold a key: that must never hide one. */
describe('inline API keys and the text pre-check', () => {
  it('textMayHoldKey: a credential prefix or a backslash anywhere in the text', () => {
    expect(textMayHoldKey('spec:\n  system: be concise\n')).toBe(false);
    expect(textMayHoldKey('value: nvapi-abc\n')).toBe(true);
    expect(textMayHoldKey('value: "\\x6e"\n')).toBe(true);
  });

  it('finds a key spelled with double-quoted escapes, and one in the second document of a file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pai-inline-'));
    dirs.push(dir);
    const agent = (name: string, value: string) => `apiVersion: pai.io/v1\nkind: Agent\nmetadata:\n  name: ${name}\nspec:\n  env:\n    - name: KEY\n      value: ${value}\n`;
    // "nvap\x69-" is "nvapi-" once the escape is resolved: the text itself never says "nvapi-".
    writeFileSync(path.join(dir, 'escaped.yaml'), agent('escaped', '"nvap\\x69-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"'));
    writeFileSync(path.join(dir, 'second.yaml'), agent('clean', 'info') + '---\n' + agent('leaky', 'sk-ant-api03-BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB'));
    const result = await compile({ paths: [dir], cwd: dir });
    const found = result.diagnostics.filter((d) => d.code === 'inline-api-key').map((d) => `${d.range?.file}:${d.range?.line}`);
    expect(found).toEqual(['escaped.yaml:8', 'second.yaml:17']);
  });
});
