import path from 'node:path';
import { simpleGit } from 'simple-git';

/** What plan and apply need to know about the git repository holding the manifests. */
export interface GitInfo {
  /** Absolute path of the repository's top level. */
  root: string;
  /** HEAD commit, or undefined in a repository without commits. */
  commit?: string;
  /** Uncommitted changes (tracked or untracked) under the manifests' path. */
  dirty: boolean;
  /** The `origin` remote URL without credentials, or undefined. */
  remote?: string;
}

/** Reads git facts for `dir`; undefined when it is not inside a git repository. */
export async function gitInfo(dir: string): Promise<GitInfo | undefined> {
  const git = simpleGit({ baseDir: dir, trimmed: true });
  let root: string;
  try {
    if (!(await git.checkIsRepo())) return undefined;
    root = await git.revparse(['--show-toplevel']);
  } catch {
    return undefined;
  }
  const commit = await git.revparse(['HEAD']).catch(() => undefined);
  const status = await git.status(['--', dir]);
  const remotes = await git.getRemotes(true).catch(() => []);
  const origin = remotes.find((r) => r.name === 'origin')?.refs.fetch;
  return { root, ...(commit ? { commit } : {}), dirty: !status.isClean(), ...(origin ? { remote: stripCredentials(origin) } : {}) };
}

/** Files changed between `base` and the working tree (untracked ones too), relative to the repository root. */
export async function changedFiles(root: string, base: string): Promise<string[]> {
  const git = simpleGit({ baseDir: root, trimmed: true });
  const diff = await git.diff(['--name-only', base, '--']);
  const untracked = await git.raw(['ls-files', '--others', '--exclude-standard']);
  return [...diff.split('\n'), ...untracked.split('\n')].filter(Boolean);
}

/**
 * The ownership id written on every applied resource: `<repository>#<path>`. The repository is
 * the origin URL when there is one (stable across clones and CI runners), else the directory name.
 */
export function sourceId(info: GitInfo | undefined, manifestsDir: string): string {
  if (!info) return `local:${path.resolve(manifestsDir)}`;
  const repo = info.remote ?? `local:${path.basename(info.root)}`;
  const rel = path.relative(info.root, path.resolve(manifestsDir)).split(path.sep).join('/') || '.';
  return `${repo}#${rel}`;
}

function stripCredentials(url: string): string {
  return url.replace(/\/\/[^@/]+@/, '//').replace(/\.git$/, '');
}
