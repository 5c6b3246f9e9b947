import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gitInfo, sourceId } from '../../../src/cli/git/repo.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = () => {
  const d = realpathSync(mkdtempSync(path.join(tmpdir(), 'pai-git-')));
  dirs.push(d);
  return d;
};
const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd, encoding: 'utf8' }).trim();

describe('gitInfo', () => {
  it('is undefined outside a repository', async () => {
    expect(await gitInfo(tempDir())).toBeUndefined();
  });

  it('reads the top level, HEAD, the origin without credentials, and dirtiness only when asked', async () => {
    const root = tempDir();
    git(root, 'init', '-q');
    const config = path.join(root, 'config');
    mkdirSync(config);
    writeFileSync(path.join(config, 'a.yaml'), 'a: 1\n');
    // No commit yet: the top level is still known.
    expect(await gitInfo(config)).toEqual({ root });
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'first');
    git(root, 'remote', 'add', 'origin', 'https://user:secret@github.com/acme/agents.git');
    writeFileSync(path.join(config, 'HEAD'), 'a file named HEAD must not make the revision ambiguous\n');
    const head = git(root, 'rev-parse', 'HEAD');
    expect(await gitInfo(config)).toEqual({ root, commit: head, remote: 'github.com/acme/agents' });
    expect(await gitInfo(config, { dirty: true })).toMatchObject({ commit: head, dirty: true });
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'second');
    expect(await gitInfo(path.join(config, 'a.yaml'), { dirty: true })).toMatchObject({ commit: git(root, 'rev-parse', 'HEAD'), dirty: false });
    expect(sourceId(await gitInfo(config), config)).toBe('github.com/acme/agents#config');
    // A path that does not exist (yet) inside the repository: git runs in the closest directory that does.
    expect(await gitInfo(path.join(config, 'missing', 'deeper'))).toMatchObject({ root, commit: git(root, 'rev-parse', 'HEAD') });
  });
});
