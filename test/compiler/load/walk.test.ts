import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectFiles, displayPath } from '../../../src/compiler/load/walk.js';

/** displayPath as it was before its shortcut for paths outside the working directory: the oracle. */
function byDefinition(abs: string, cwd: string): string {
  const prefix = cwd.endsWith(path.sep) ? cwd : cwd + path.sep;
  if (abs.startsWith(prefix)) return abs.slice(prefix.length);
  const rel = path.relative(cwd, abs);
  return rel.startsWith('..') || path.isAbsolute(rel) ? abs : rel;
}

describe('displayPath', () => {
  const cwds = ['/work/repo', '/work/repo/', '/', '/work', '/work/repo/../repo', 'relative/dir'];
  const paths = ['/work/repo/a.yaml', '/work/repo', '/work/repo/sub/b.yaml', '/work/repository/c.yaml', '/work/rep', '/tmp/x/y.yaml', '/work/repo/../repo/d.yaml', '/work//repo/e.yaml', '/work/repo/.hidden/f.yaml', '/work/other/../repo/g.yaml', '/', path.resolve('relative/dir/h.yaml'), path.resolve('elsewhere/i.yaml')];
  it('shows a path relative to the working directory when inside it, else as given (the shortcut for paths outside agrees)', () => {
    for (const cwd of cwds) for (const abs of paths) expect(displayPath(abs, cwd), `${abs} from ${cwd}`).toBe(byDefinition(abs, cwd));
  });
});

describe('collectFiles', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pai-walk-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it('names the files of a directory outside the working directory by their absolute paths, inside it relatively', () => {
    mkdirSync(path.join(dir, 'team'), { recursive: true });
    writeFileSync(path.join(dir, 'team', 'a.yaml'), 'x: 1\n');
    writeFileSync(path.join(dir, 'b.yml'), 'x: 1\n');
    const outside = collectFiles([dir], path.join(tmpdir(), 'pai-walk-elsewhere'));
    expect(outside.files.map((f) => f.file)).toEqual([path.join(dir, 'b.yml'), path.join(dir, 'team', 'a.yaml')]);
    const inside = collectFiles(['.'], dir);
    expect(inside.files.map((f) => f.file)).toEqual(['b.yml', 'team/a.yaml']);
  });
});
