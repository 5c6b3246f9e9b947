import path from 'node:path';
import { changedFiles, gitInfo } from './repo.js';

/**
 * The files changed since `base` (committed, staged or not), as absolute paths — for limiting
 * annotations to what a pull request touches. Throws a readable Error when not in a git
 * repository or when `base` is unknown.
 */
export async function changedSince(base: string, cwd: string): Promise<Set<string>> {
  const info = await gitInfo(cwd);
  if (!info) throw new Error(`--changed needs a git repository, and ${cwd} is not in one`);
  try {
    return new Set((await changedFiles(info.root, base)).map((f) => path.join(info.root, f)));
  } catch {
    throw new Error(`git does not know the base "${base}"; fetch it first (e.g. git fetch origin main) or pass another --base`);
  }
}
