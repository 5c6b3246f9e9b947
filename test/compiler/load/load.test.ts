/**
 * Reading files (src/compiler/load/load.ts) through the real CLI: what is not UTF-8 text is refused
 * with `not-yaml`, whatever the bytes; UTF-8 text is read, also when it holds U+FFFD itself.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';

const secret = (name: string, note: string): Buffer =>
  Buffer.concat([Buffer.from(`apiVersion: pai.io/v1\nkind: Secret\nmetadata:\n  name: ${name}\n  annotations: {note: "`), Buffer.from(note, 'latin1'), Buffer.from('"}\nspec: {}\n')]);

describe('reading files', () => {
  it('refuses NUL bytes and bytes that are not UTF-8, and reads UTF-8 text (U+FFFD and é included)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pai-load-'));
    const files: Record<string, Buffer> = {
      'nul.yaml': secret('nul', 'a\x00b'),
      'invalid-byte.yaml': secret('invalid-byte', 'a\xffb'),
      'overlong.yaml': secret('overlong', '\xc0\x80'),
      'surrogate.yaml': secret('surrogate', '\xed\xa0\x80'),
      'truncated.yaml': secret('truncated', '\xe2\x82'),
      'replacement-char.yaml': secret('replacement-char', '\xef\xbf\xbd'),
      'accented.yaml': secret('accented', '\xc3\xa9'),
    };
    for (const [name, bytes] of Object.entries(files)) writeFileSync(path.join(dir, name), bytes);
    const res = await runCli(['validate', '--format', 'json', '.'], { cwd: dir });
    const payload = JSON.parse(res.stdout) as { diagnostics: Array<{ code: string; file: string }> };
    expect(payload.diagnostics.map((d) => [d.code, d.file])).toEqual(
      ['invalid-byte.yaml', 'nul.yaml', 'overlong.yaml', 'surrogate.yaml', 'truncated.yaml'].map((f) => ['not-yaml', f]),
    );
    expect(res.code).toBe(1);
  });
});
