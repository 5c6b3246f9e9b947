/**
 * Golden tests of the compiler over fixtures/: the documentation examples validate clean, and each
 * folder of fixtures/invalid/ gives exactly the diagnostics in its expected.json (code, severity,
 * file, line, column). Regenerate after an intended change with: UPDATE_GOLDEN=1 npx vitest run test/compiler/compile
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../../../src/compiler/compile.js';
import { REPO_ROOT } from '../../helpers/cli.js';

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

describe('inputs that cannot live in fixtures/', () => {
  it('a path that does not exist is path-not-found, without a range', async () => {
    const result = await compile({ paths: ['does/not/exist'], cwd: REPO_ROOT, now: NOW });
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.range])).toEqual([['path-not-found', 'error', undefined]]);
  });

  it('a file over 1 MiB is file-too-large and is not parsed', async () => {
    const { mkdtempSync, writeFileSync: write } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(path.join(tmpdir(), 'pai-big-'));
    write(path.join(dir, 'big.yaml'), 'apiVersion: pai.io/v1\nkind: Secret\nmetadata: {name: big}\nspec: {}\n# ' + 'x'.repeat(1024 * 1024) + '\n');
    const result = await compile({ paths: ['.'], cwd: dir, now: NOW });
    expect(result.diagnostics.map((d) => [d.code, d.range?.file, d.range?.line])).toEqual([['file-too-large', 'big.yaml', 1]]);
    expect(result.resources).toEqual([]);
  });

  it('skips foreign YAML (workflows, Kubernetes objects, pre-commit config) without a word', async () => {
    const { mkdtempSync, writeFileSync: write, mkdirSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(path.join(tmpdir(), 'pai-foreign-'));
    mkdirSync(path.join(dir, '.github/workflows'), { recursive: true });
    write(path.join(dir, '.github/workflows/ci.yml'), 'name: ci\non: [push]\njobs: {}\n');
    write(path.join(dir, 'deploy.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {replicas: 2}\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: s}\n');
    write(path.join(dir, '.pre-commit-config.yaml'), 'repos:\n  - repo: local\n    hooks: []\n');
    write(path.join(dir, '.paiignore'), 'ignored/\n');
    mkdirSync(path.join(dir, 'ignored'));
    write(path.join(dir, 'ignored/broken.yaml'), 'apiVersion: pai.io/v1\nkind: Nope\n');
    const result = await compile({ paths: ['.'], cwd: dir, now: NOW });
    expect(result.diagnostics).toEqual([]);
    expect(result.resources).toEqual([]);
  });
});
