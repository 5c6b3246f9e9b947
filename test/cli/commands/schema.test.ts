import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../../helpers/cli.js';

describe('pai schema', () => {
  it('prints one kind by any of its names, exactly as in schemas/', async () => {
    const res = await runCli(['schema', 'mp']);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toEqual(JSON.parse(readFileSync(path.join(REPO_ROOT, 'schemas/modelprovider.schema.json'), 'utf8')));
  });

  it('prints the combined manifest schema by default and writes all with --out', async () => {
    expect(JSON.parse((await runCli(['schema'])).stdout).$id).toBe('https://pai.dev/schemas/v1/manifest.schema.json');
    const out = mkdtempSync(path.join(tmpdir(), 'pai-schema-'));
    expect((await runCli(['schema', '--out', out])).code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(readdirSync(path.join(REPO_ROOT, 'schemas')).filter((f) => f.endsWith('.schema.json')).sort());
  });

  it('an unknown kind is a clear error listing the kinds', async () => {
    const res = await runCli(['schema', 'nope']);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/unknown kind "nope"[\s\S]*ModelProvider/);
    expect(res.stderr).not.toMatch(/ at .*\.js:\d+/);
  });
});
