import { createHash } from 'node:crypto';
import path from 'node:path';
import { runBounded } from '../../compiler/apply/run-bounded.js';
import type { CheckedResource } from '../../compiler/check/types.js';
import type { ControlPlane } from '../../api/control-plane.js';
import { ControlPlaneError } from '../../api/errors.js';
import { compile, type CompileResult } from '../../compiler/compile.js';
import { countBySeverity, sortDiagnostics, type ResourceKey } from '../../api/diagnostic.js';
import { gitInfo, sourceId, type GitInfo } from '../git/repo.js';
import { locateFindings } from '../../compiler/load/locate.js';
import { loadYaml } from '../../compiler/load/source-file.js';
import { mayHoldSensitiveKind } from '../../api/sensitive-fields.js';
import type { LoadedResource } from '../../compiler/load/load.js';
import { keyId } from '../../api/diagnostic.js';
import { computePlan, liveKey, ownershipConflicts, type DesiredResource, type OwnershipConflict } from '../../compiler/plan/compute.js';
import type { Plan } from '../../compiler/plan/types.js';
import { KINDS } from '../../api/kinds.js';

/**
 * Identifies the compiled configuration: a hash of every file read (path and text). Any edit
 * under the directory makes a saved plan stale — the safe side — and hashing text is far cheaper
 * than canonicalising 10,000 manifests.
 */
function sourcesDigest(compiled: CompileResult, dir: string, cwd: string): string {
  // Paths relative to the manifests' directory: the same plan applied from another cwd matches.
  const relative = relativeTo(dir, cwd);
  const files = compiled.sources.map((s) => ({ rel: relative(s.path), text: s.text }));
  files.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  const hash = createHash('sha256');
  for (const f of files) hash.update(`${f.rel}\0${f.text}\0`);
  return 'sha256:' + hash.digest('hex');
}

/**
 * Turns display paths (relative to cwd, see load/walk.ts) into paths relative to `dir`. Most start
 * with dir's own path from cwd, and slicing that off is far cheaper than path.relative × 10,000.
 */
function relativeTo(dir: string, cwd: string): (displayPath: string) => string {
  const toPosix = (p: string) => p.split(path.sep).join('/');
  const fromCwd = toPosix(path.relative(cwd, dir));
  const prefix = fromCwd === '' ? '' : fromCwd + '/';
  return (p) => {
    if (!path.isAbsolute(p) && !p.startsWith('../') && p.startsWith(prefix)) return p.slice(prefix.length);
    return toPosix(path.relative(dir, path.resolve(cwd, p)));
  };
}

/** Everything `pai plan` and `pai apply` compute before they render or write. */
export interface PreparedPlan {
  compiled: CompileResult;
  /** False when the manifests have errors: there is no plan then. */
  ok: boolean;
  plan?: Plan;
  /** The live objects read, keyed (one LIST per kind). */
  live: CheckedResource[];
  git?: GitInfo;
  source: string;
  /** The manifests' directory and the working directory they were read from. */
  dir: string;
  cwd: string;
}

/**
 * Reads the live state (one LIST per kind — never one GET per object, which cannot scale to
 * 10,000 resources), compiles the manifests against it, and computes the plan.
 */
export async function preparePlan(args: {
  dir: string;
  controlPlane: ControlPlane;
  prune: boolean;
  strict?: boolean;
  cwd?: string;
  /** Find out whether the manifests have uncommitted changes (apply refuses that). */
  checkDirty?: boolean;
  /** The source's name, instead of the one read from git (see sourceId). */
  source?: string;
  /** Take over declared resources that another source owns (otherwise each is an error). */
  adopt?: boolean;
}): Promise<PreparedPlan> {
  const cwd = args.cwd ?? process.cwd();
  const dir = path.resolve(cwd, args.dir);
  // The LISTs and git run while the manifests are read and validated; checks wait for them.
  // The LISTs leave out pai's last-applied records, half their size: only changed objects need one.
  const liveRequest = Promise.all(KINDS.map((k) => args.controlPlane.list(k, undefined, { omitLastApplied: true }))).then((lists) =>
    lists.flatMap((l) => l.items).map((r) => ({ key: liveKey(r as unknown as Record<string, unknown>), manifest: r as unknown as Record<string, unknown> })),
  );
  const gitRequest = gitInfo(dir, { dirty: args.checkDirty ?? false });
  // Their failures surface where they are awaited below, not as unhandled rejections meanwhile.
  for (const request of [liveRequest, gitRequest]) request.catch(() => undefined);
  const compiled = await compile({ paths: [args.dir], cwd, live: liveRequest });
  const [live, git] = await Promise.all([liveRequest, gitRequest]);
  const source = sourceId(git, dir, args.source);
  const desired: DesiredResource[] = compiled.resources.map((r) => ({ key: r.key, manifest: r.manifest, source: { file: r.source.path, line: r.source.documentLine(r.index) } }));
  if (!args.adopt) {
    const conflicts = ownershipConflicts({ desired, live: live.map((l) => l.manifest), source });
    if (conflicts.length > 0) compiled.diagnostics = sortDiagnostics([...compiled.diagnostics, ...(await conflictDiagnostics(conflicts, desired, compiled.resources))]);
  }
  const { errors, warnings } = countBySeverity(compiled.diagnostics);
  const ok = errors === 0 && !(args.strict && warnings > 0);
  const prepared: PreparedPlan = { compiled, ok, live, source, dir, cwd, ...(git ? { git } : {}) };
  if (!ok) return prepared;
  const plan = () => computePlan({ desired, live: live.map((l) => l.manifest), source, ...(git?.commit ? { commit: git.commit } : {}), prune: args.prune });
  prepared.plan = plan();
  // The LISTs left out pai's last-applied records; the objects to update need theirs to tell drift apart.
  const updates = prepared.plan.changes.filter((c) => c.action === 'update').map((c) => c.key);
  if (updates.length > 0) {
    await readWhole(live, updates, args.controlPlane);
    prepared.plan = plan();
  }
  return prepared;
}

/**
 * One error per conflict, at the resource's name in its file (desired[i] is resources[i]). The
 * renderers mask Secret values in the source lines they show, which needs the yaml package for
 * files that may hold a Secret: loaded here, as compile does for its own diagnostics.
 */
async function conflictDiagnostics(conflicts: OwnershipConflict[], desired: DesiredResource[], resources: LoadedResource[]) {
  const loaded = new Map(desired.map((d, i) => [d, resources[i]!]));
  if (conflicts.some((c) => mayHoldSensitiveKind(loaded.get(c.resource)!.source.text))) await loadYaml();
  return locateFindings(
    conflicts.map(({ resource, owner }) => {
      const r = loaded.get(resource)!;
      const { kind, namespace, name } = resource.key;
      return {
        diagnostic: {
          code: 'owned-by-another-source' as const,
          severity: 'error' as const,
          message: `${kind} ${namespace}/${name} is managed by ${owner}; this plan would take it over`,
          hint: 'remove it from this configuration, or take it over on purpose with --adopt (a different name for this source: --source or `source:` in .pai.yaml)',
          resource: resource.key,
        },
        source: r.source,
        index: r.index,
        pointer: '/metadata/name',
        target: 'value' as const,
      };
    }),
  );
}

/**
 * Re-reads these live objects whole (with their last-applied records): one GET each, a few at a
 * time, or one full LIST of a kind when many of its objects changed (a LIST of 10,000 costs less
 * than a few hundred GETs). A plan where nothing changed reads nothing more. An object deleted
 * meanwhile keeps its listed state.
 */
async function readWhole(live: CheckedResource[], keys: readonly ResourceKey[], controlPlane: ControlPlane): Promise<void> {
  const position = new Map(live.map((l, i) => [keyId(l.key), i]));
  const byKind = new Map<string, ResourceKey[]>();
  for (const k of keys) {
    const ofKind = byKind.get(k.kind);
    if (ofKind) ofKind.push(k);
    else byKind.set(k.kind, [k]);
  }
  const single: ResourceKey[] = [];
  for (const [kind, ofKind] of byKind) {
    if (ofKind.length <= GETS_BEFORE_A_LIST) {
      single.push(...ofKind);
      continue;
    }
    for (const item of (await controlPlane.list(kind)).items as unknown as Record<string, unknown>[]) {
      const i = position.get(keyId(liveKey(item)));
      if (i !== undefined) live[i] = { key: live[i]!.key, manifest: item };
    }
  }
  await runBounded(single, LAST_APPLIED_READS, async (key) => {
    const i = position.get(keyId(key));
    if (i === undefined) return;
    try {
      live[i] = { key, manifest: (await controlPlane.get(key.kind, key.namespace, key.name)) as unknown as Record<string, unknown> };
    } catch (err) {
      if (!(err instanceof ControlPlaneError && err.status === 404)) throw err;
    }
  });
}

/** GETs in flight at once while reading last-applied records. */
const LAST_APPLIED_READS = 8;
/** More changed objects of one kind than this are read with one LIST of the kind instead. */
const GETS_BEFORE_A_LIST = 50;

/**
 * Identifies the compiled configuration for a saved plan (see sourcesDigest). Computed on
 * demand: hashing every file is wasted on a plan that is only shown.
 */
export function desiredDigestOf(prepared: PreparedPlan): string {
  return sourcesDigest(prepared.compiled, prepared.dir, prepared.cwd);
}

/** The desired manifests by `kind/namespace/name`, for apply. */
export function desiredManifestsOf(prepared: PreparedPlan): Map<string, Record<string, unknown>> {
  return new Map(prepared.compiled.resources.map((r) => [keyId(r.key), r.manifest]));
}

/** resourceVersion of every live object read, by `kind/namespace/name`, for staleness checks. */
export function liveVersionsOf(prepared: PreparedPlan): Map<string, string> {
  return new Map(prepared.live.map((l) => [keyId(l.key), String((l.manifest.metadata as Record<string, unknown>).resourceVersion ?? '')]));
}
