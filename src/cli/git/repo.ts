import { UserError } from '../../lib/user-error.js';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { canonicalRepository } from '../../compiler/plan/ownership.js';
import path from 'node:path';

/** What plan and apply need to know about the git repository holding the manifests. */
export interface GitInfo {
  /** Absolute path of the repository's top level. */
  root: string;
  /** HEAD commit, or undefined in a repository without commits. */
  commit?: string;
  /** Uncommitted changes (tracked or untracked) under the manifests' path; only when asked for. */
  dirty?: boolean;
  /** The `origin` remote as `host/owner/repo` (see canonicalRepository), or undefined. */
  remote?: string;
}

/**
 * Reads git facts for `dir`; undefined when it is not inside a git repository. Plan runs this
 * alongside reading 10,000 files, so git is spawned two or three times at once rather than five
 * times in a row; `git status` (which stats every file) only when `dirty` is asked for (apply);
 * and outside a checkout (no `.git` above `dir`) neither simple-git is loaded nor git spawned.
 */
export async function gitInfo(dir: string, options: { dirty?: boolean } = {}): Promise<GitInfo | undefined> {
  if (!process.env.GIT_DIR && !hasGitAbove(dir)) return undefined;
  const { simpleGit } = await import('simple-git');
  const git = simpleGit({ baseDir: nearestDirectory(dir), trimmed: true });
  const [head, status, origin] = await Promise.allSettled([
    // Prints the top level and the commit (then `--`, which keeps a file named HEAD from making
    // the argument ambiguous). Fails in a repository without commits: the top level is read alone then.
    git.raw(['rev-parse', '--show-toplevel', 'HEAD', '--']),
    options.dirty ? git.raw(['status', '--porcelain', '--', dir]) : Promise.resolve(undefined),
    git.raw(['config', '--get', 'remote.origin.url']),
  ]);
  let root: string;
  let commit: string | undefined;
  if (head.status === 'fulfilled') {
    [root = '', commit] = head.value.split('\n');
  } else {
    try {
      root = await git.revparse(['--show-toplevel']);
    } catch {
      return undefined;
    }
  }
  if (status.status === 'rejected') throw status.reason;
  const remote = origin.status === 'fulfilled' && origin.value ? canonicalRepository(origin.value) : undefined;
  return { root, ...(commit ? { commit } : {}), ...(status.value !== undefined ? { dirty: status.value !== '' } : {}), ...(remote ? { remote } : {}) };
}

/** Whether `dir` or a directory above it holds `.git` (a directory, or a file in a worktree). */
function hasGitAbove(dir: string): boolean {
  return gitTopLevel(dir) !== undefined;
}

/**
 * The top level of the git work tree holding `p` (the closest directory at or above it with a
 * `.git` entry), found without starting git: `pai validate FILE` runs in every pre-commit hook.
 */
export function gitTopLevel(p: string): string | undefined {
  for (let d = path.resolve(p); ; d = path.dirname(d)) {
    if (existsSync(path.join(d, '.git'))) return d;
    if (path.dirname(d) === d) return undefined;
  }
}

/** `p` itself when it is a directory, else the closest directory above it that exists. */
function nearestDirectory(p: string): string {
  for (let d = path.resolve(p); ; d = path.dirname(d)) {
    try {
      if (statSync(d).isDirectory()) return d;
    } catch {
      // missing: try the parent
    }
    if (path.dirname(d) === d) return d;
  }
}

/** Files changed between `base` and the working tree (untracked ones too), relative to the repository root. */
export async function changedFiles(root: string, base: string): Promise<string[]> {
  const { simpleGit } = await import('simple-git');
  const git = simpleGit({ baseDir: root, trimmed: true });
  const diff = await git.diff(['--name-only', base, '--']);
  const untracked = await git.raw(['ls-files', '--others', '--exclude-standard']);
  return [...diff.split('\n'), ...untracked.split('\n')].filter(Boolean);
}

/**
 * The ownership id written on every applied resource: `<repository>#<path>`, the path being the
 * manifests' directory relative to the repository's top level. The repository is, in order: the
 * explicit name (`--source`), the `source:` of the project file `.pai.yaml` at the top level,
 * the canonical origin remote (`host/owner/repo`, the same for every clone and spelling), else
 * `local:<directory name>`. Outside git it is `local:<absolute path>`.
 */
export function sourceId(info: GitInfo | undefined, manifestsDir: string, explicit?: string): string {
  if (!info) return explicit ? `${explicit}#.` : `local:${path.resolve(manifestsDir)}`;
  const repo = explicit ?? projectSource(info.root) ?? info.remote ?? `local:${path.basename(info.root)}`;
  const rel = path.relative(info.root, path.resolve(manifestsDir)).split(path.sep).join('/') || '.';
  return `${repo}#${rel}`;
}

/** The project file at a repository's top level; only `source:` is read from it today. */
export const PROJECT_FILE = '.pai.yaml';

/**
 * `source:` of the project file, or undefined without one. A plain `key: value` line is all it
 * takes, so the file is read without loading a YAML parser into every plan.
 */
function projectSource(root: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(path.join(root, PROJECT_FILE), 'utf8');
  } catch {
    return undefined;
  }
  const m = /^source:[ \t]*(?:"([^"\n]*)"|'([^'\n]*)'|([^#\s][^#\n]*?))[ \t]*(?:#.*)?$/m.exec(text);
  const value = (m?.[1] ?? m?.[2] ?? m?.[3])?.trim();
  if (!value) throw new UserError(`${path.join(root, PROJECT_FILE)} has no \`source: NAME\` line`, 'write one line `source: NAME` in it (e.g. `source: acme/pai-config`), or remove the file');
  return value;
}

