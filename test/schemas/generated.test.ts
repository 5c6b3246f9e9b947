/**
 * The files generated from schemas/ (types, precompiled validators) are committed; these tests
 * regenerate them in memory and fail when they are stale, and check that the validators module
 * loads under plain Node ESM (not only under vitest's transform).
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateAll, OUTPUTS } from '../../scripts/gen-types.mjs';
import { createAjv } from '../../scripts/gen-validators.mjs';
import { validators } from '../../src/compiler/validate/validators.generated.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { NIM_YAML, reviewer } from './manifests.js';

describe('generated files', () => {
  it('are up to date with schemas/ (otherwise run `npm run gen:types`)', async () => {
    const expected = (await generateAll()) as Record<string, string>;
    expect(Object.keys(expected).sort()).toEqual(Object.values(OUTPUTS as Record<string, string>).sort());
    for (const [rel, content] of Object.entries(expected)) {
      let committed = '';
      try {
        committed = readFileSync(path.join(REPO_ROOT, rel), 'utf8');
      } catch {
        /* missing counts as stale */
      }
      expect(committed === content, `${rel} is stale: run npm run gen:types`).toBe(true);
    }
  });

  it('are deterministic: two generations are identical', async () => {
    expect(await generateAll()).toEqual(await generateAll());
  });

  it('the validators module loads and validates under plain Node ESM', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pai-validators-'));
    try {
      const script = path.join(dir, 'load.mjs');
      const moduleUrl = pathToFileURL(path.join(REPO_ROOT, 'src/compiler/validate/validators.generated.js')).href;
      const yamlUrl = pathToFileURL(path.join(REPO_ROOT, 'node_modules/yaml/dist/index.js')).href;
      writeFileSync(
        script,
        [
          `import { validators } from ${JSON.stringify(moduleUrl)};`,
          `import { parse } from ${JSON.stringify(yamlUrl)};`,
          `const doc = parse(${JSON.stringify(NIM_YAML)});`,
          'const ok = validators.ModelProvider(doc);',
          "const bad = validators.ModelProvider({ ...doc, spec: { ...doc.spec, endpoint: 'not a url', extra: 1 } });",
          'console.log(JSON.stringify({ kinds: Object.keys(validators), ok, bad, errors: validators.ModelProvider.errors.map((e) => e.keyword) }));',
        ].join('\n'),
      );
      const run = spawnSync(process.execPath, [script], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout)).toEqual({
        kinds: ['AccessKey', 'Agent', 'GuardBinding', 'ModelProvider', 'Provider', 'Secret'],
        ok: true,
        bad: false,
        errors: ['additionalProperties', 'format'],
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the validators module imports nothing but node:module (runtime code comes through createRequire)', () => {
    const js = readFileSync(path.join(REPO_ROOT, OUTPUTS.validatorsJs as string), 'utf8');
    const imports = [...js.matchAll(/^import .* from ['"]([^'"]+)['"];?$/gm)].map((m) => m[1]);
    expect(imports).toEqual(['node:module']);
    const required = [...new Set([...js.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]))].sort();
    const requireFromModule = createRequire(path.join(REPO_ROOT, OUTPUTS.validatorsJs as string));
    for (const id of required) expect(() => requireFromModule.resolve(id!), id).not.toThrow();
    expect(required.every((id) => /^(ajv\/dist\/runtime\/|ajv-formats\/dist\/formats$)/.test(id!))).toBe(true);
  });

  it('count string lengths in code points, as ajv does (length checks look at UTF-16 units first)', () => {
    // Two UTF-16 units, one code point: the strings where units and code points disagree most.
    const astral = '\u{1F600}';
    const compiled = createAjv().getSchema('https://pai.dev/schemas/v1/agent.schema.json');
    expect(compiled).toBeDefined();
    const cases: Array<[string, string]> = [];
    for (const n of [0, 1, 2, 2047, 2048, 2049, 4095, 4096, 4097, 8192, 8193]) {
      cases.push(['instructions', astral.repeat(n)], ['instructions', 'a'.repeat(n)], ['instructions', 'a' + astral.repeat(n)]);
    }
    for (const image of ['', 'a', astral]) cases.push(['image', image]);
    for (const [field, value] of cases) {
      const doc = reviewer();
      if (field === 'image') doc.spec.image = value;
      else doc.spec.memories = [{ name: 'notes', mountPath: '/notes', instructions: value }];
      const expected = compiled!(doc);
      expect(validators.Agent(doc), `${field} of ${value.length} units`).toBe(expected);
    }
    // Both sides of the 4,096 limit were exercised.
    expect(cases.filter(([f, v]) => f === 'instructions' && [...v].length > 4096).length).toBeGreaterThan(0);
  });
});
