import { ANNOTATION_COMMIT, ANNOTATION_LAST_APPLIED, ANNOTATION_MANAGED_BY } from '../../api/annotations.js';
import type { Ownership } from './types.js';
import { normalize } from './normalize.js';

type Obj = Record<string, unknown>;

/**
 * A git remote as one stable name, `host/owner/repo`, however it is spelled: scp-like
 * (`git@github.com:acme/cfg.git`), `ssh://`, `https://` with or without credentials, a `.git`
 * suffix or a trailing slash, any case of host. Two clones of one repository must be one owner,
 * or a second checkout would take over (and fail to prune) everything the first applied.
 * A remote that is a local path (or `file://`) is named `local:<directory>`.
 */
export function canonicalRepository(remote: string): string {
  const url = remote.trim();
  const withScheme = /^([a-z][a-z0-9+.-]*):\/\/(?:[^@/]*@)?([^/:]*)(?::\d*)?(\/.*)?$/i.exec(url);
  const scpLike = withScheme ? null : /^(?:[^@/:]+@)?([^/:]{2,}):(.+)$/.exec(url);
  let host: string;
  let repoPath: string;
  if (withScheme && withScheme[1]!.toLowerCase() !== 'file' && withScheme[2]) [host, repoPath] = [withScheme[2], withScheme[3] ?? ''];
  else if (scpLike) [host, repoPath] = [scpLike[1]!, scpLike[2]!];
  else return `local:${basename(withScheme ? (withScheme[3] ?? '') : url)}`;
  return `${host.toLowerCase()}/${trimRepoPath(repoPath)}`;
}

/**
 * The canonical form of an ownership id (`<repository>#<path>`), so that annotations written by
 * older versions (the raw remote URL) name the same owner as the canonical ones written now.
 * Explicit names (`--source`, `.pai.yaml`) and `local:` ids are kept as they are.
 */
export function canonicalSource(source: string): string {
  const hash = source.lastIndexOf('#');
  const repository = hash < 0 ? source : source.slice(0, hash);
  const rest = hash < 0 ? '' : source.slice(hash);
  if (repository.startsWith('local:') || !/^[a-z][a-z0-9+.-]*:\/\/|^[^@/:]+@[^/:]+:/i.test(repository)) return source;
  return canonicalRepository(repository) + rest;
}

/** Whether two ownership ids name the same source, whichever form each was written in. */
export function sameSource(a: string, b: string): boolean {
  return a === b || canonicalSource(a) === canonicalSource(b);
}

function trimRepoPath(p: string): string {
  return p.replace(/^\/+|\/+$/g, '').replace(/\.git$/, '');
}

function basename(p: string): string {
  return trimRepoPath(p).split('/').pop() || 'repository';
}

/** Who manages a live object, from the annotation pai writes on apply; undefined if made by hand. */
export function ownershipOf(live: Obj): Ownership | undefined {
  const annotations = ((live.metadata as Obj | undefined)?.annotations ?? {}) as Obj;
  const source = annotations[ANNOTATION_MANAGED_BY];
  if (typeof source !== 'string' || !source) return undefined;
  const commit = annotations[ANNOTATION_COMMIT];
  return { source, ...(typeof commit === 'string' ? { commit } : {}) };
}

/**
 * The manifest apply writes: the desired one plus ownership annotations and a record of what was
 * applied (normalized, without secret values), which later plans use to recognise drift and which
 * `--prune` uses as its inventory.
 */
export function withOwnership(manifest: Obj, source: string, commit?: string): Obj {
  const metadata = { ...((manifest.metadata ?? {}) as Obj) };
  const record = normalize(manifest);
  metadata.annotations = {
    ...((metadata.annotations ?? {}) as Obj),
    [ANNOTATION_MANAGED_BY]: source,
    ...(commit ? { [ANNOTATION_COMMIT]: commit } : {}),
    [ANNOTATION_LAST_APPLIED]: JSON.stringify(record),
  };
  return { ...manifest, metadata };
}
