import { ANNOTATION_COMMIT, ANNOTATION_LAST_APPLIED, ANNOTATION_MANAGED_BY } from '../../api/annotations.js';
import type { ControlPlane } from '../../api/control-plane.js';
import { ControlPlaneError, ControlPlaneUnreachableError } from '../../api/errors.js';
import type { Manifest, Resource } from '../../api/wire.js';
import { DEFAULT_NAMESPACE, kindInfo } from '../../api/kinds.js';
import { keyId } from '../../api/diagnostic.js';
import type { ResourceKey } from '../../api/diagnostic.js';
import { dependencyLevels, namedAmong } from './dependency-order.js';
import { declaredSecretValues, secretValuesMatch } from './secret-fingerprint.js';

/** One manifest read for `pai create -f` / `pai apply -f`, with where it came from. */
export interface ManifestDocument {
  manifest: Manifest;
  /** `file:line` of the document's start, for messages. */
  source: string;
}

/** `apply` upserts (create or replace); `create` only creates and fails on what exists. */
export type ImperativeMode = 'apply' | 'create';

/** What happened to one document, in kubectl's words. */
export type ImperativeOutcome = 'created' | 'configured' | 'unchanged';

/** The result for one document: an outcome, or the error the control plane answered with. */
export interface ImperativeResult {
  /** `modelprovider/nvidia`, as printed. */
  ref: string;
  namespace: string;
  source: string;
  outcome?: ImperativeOutcome;
  error?: unknown;
}

/**
 * The imperative path of `pai apply -f` and `pai create -f`: each document is written on its
 * own, no plan and no pruning (that is the GitOps `pai apply`). Documents go in dependency order
 * (Secrets first, see KindInfo.applyOrder; documents that name each other in a cycle go in one
 * batch, see writeOrder); a failure is recorded and the rest still go —
 * unless no document can succeed (server unreachable, credential rejected): that is thrown.
 *
 * `apply` reads each resource first and skips the write when nothing would change, so that
 * "unchanged" is true and re-applying is free. A Secret manifest without values (declared by
 * name only, its values set with `pai create secret`) creates an empty Secret when missing and
 * never wipes the values of an existing one.
 */
export async function runImperative(
  client: Pick<ControlPlane, 'get' | 'put' | 'create' | 'batch'>,
  documents: readonly ManifestDocument[],
  mode: ImperativeMode,
  onResult: (result: ImperativeResult) => void = () => {},
): Promise<ImperativeResult[]> {
  const results: ImperativeResult[] = [];
  for (const unit of writeOrder(documents)) {
    const prepared = unit.map(({ manifest, source }) => {
      const desired = forWrite(manifest);
      const namespace = desired.metadata.namespace ?? DEFAULT_NAMESPACE;
      const result: ImperativeResult = { ref: `${desired.kind.toLowerCase()}/${desired.metadata.name}`, namespace, source };
      return { desired, namespace, result };
    });
    try {
      if (prepared.length === 1) {
        const [{ desired, namespace, result }] = prepared as [(typeof prepared)[number]];
        result.outcome = mode === 'create' ? (await client.create(desired), 'created') : await upsert(client, desired, namespace);
      } else {
        await writeTogether(client, prepared, mode);
      }
    } catch (err) {
      if (isFatal(err)) throw err;
      for (const p of prepared) p.result.error = err;
    }
    for (const p of prepared) {
      results.push(p.result);
      onResult(p.result);
    }
  }
  return results;
}

/**
 * Documents in the order they are written: by kind (Secrets first, see KindInfo.applyOrder), then
 * each after the documents of its kind that it names; documents that name each other in a cycle
 * (two ModelProviders falling back to each other) form one unit, written in one batch.
 */
function writeOrder(documents: readonly ManifestDocument[]): ManifestDocument[][] {
  const byOrder = new Map<number, ManifestDocument[]>();
  for (const d of documents) {
    const o = order(d.manifest);
    byOrder.set(o, [...(byOrder.get(o) ?? []), d]);
  }
  const units: ManifestDocument[][] = [];
  for (const [, group] of [...byOrder.entries()].sort(([a], [b]) => a - b)) {
    const keyed = new Map(group.map((d) => [keyId(keyOf(d.manifest)), d]));
    const levels = dependencyLevels(group, (d) => namedAmong({ key: keyOf(d.manifest), manifest: d.manifest as unknown as Record<string, unknown> }, keyed));
    for (const level of levels) units.push(...level.map((component) => [...component].sort((a, b) => group.indexOf(a) - group.indexOf(b))));
  }
  return units;
}

function keyOf(manifest: Manifest): ResourceKey {
  return { kind: manifest.kind, namespace: manifest.metadata.namespace ?? DEFAULT_NAMESPACE, name: manifest.metadata.name };
}

/** A cycle of documents in one batch: creates (`create`), or upserts of those that changed (`apply`). */
async function writeTogether(
  client: Pick<ControlPlane, 'get' | 'batch'>,
  prepared: Array<{ desired: Manifest; namespace: string; result: ImperativeResult }>,
  mode: ImperativeMode,
): Promise<void> {
  const writes: Array<{ desired: Manifest; result: ImperativeResult }> = [];
  for (const p of prepared) {
    if (mode === 'create') {
      writes.push(p);
      continue;
    }
    const live = await getIfExists(client, p.desired, p.namespace);
    const desired = live ? keepOwnership(p.desired, live) : p.desired;
    if (live && isUnchanged(desired, live)) p.result.outcome = 'unchanged';
    else writes.push({ desired, result: p.result });
  }
  if (writes.length === 0) return;
  const answers = await client.batch(writes.map((w) => ({ op: mode === 'create' ? 'create' : 'put', resource: w.desired })));
  writes.forEach((w, i) => (w.result.outcome = answers[i]!.status === 201 ? 'created' : 'configured'));
}

const OWNERSHIP_ANNOTATIONS = [ANNOTATION_MANAGED_BY, ANNOTATION_COMMIT, ANNOTATION_LAST_APPLIED];

async function getIfExists(client: Pick<ControlPlane, 'get'>, desired: Manifest, namespace: string): Promise<Resource | undefined> {
  try {
    return await client.get(desired.kind, namespace, desired.metadata.name);
  } catch (err) {
    if (!(err instanceof ControlPlaneError && err.status === 404)) throw err;
    return undefined;
  }
}

async function upsert(client: Pick<ControlPlane, 'get' | 'put'>, desired: Manifest, namespace: string): Promise<ImperativeOutcome> {
  const live = await getIfExists(client, desired, namespace);
  if (live) desired = keepOwnership(desired, live);
  if (live && isUnchanged(desired, live)) return 'unchanged';
  // A Secret declared without values must not replace the values set out of band.
  if (live && desired.kind === 'Secret' && declaredSecretValues(desired) === undefined) return 'unchanged';
  const { created } = await client.put(desired);
  return created ? 'created' : 'configured';
}

/**
 * A hand-applied change to a resource that GitOps manages keeps pai's ownership annotations (as
 * `kubectl apply` keeps annotations it does not own): the next `pai plan` then still knows who
 * manages the resource, and shows the hand edit as drift instead of losing track of it.
 */
function keepOwnership(desired: Manifest, live: Resource): Manifest {
  const owned = Object.entries(live.metadata.annotations ?? {}).filter(([k]) => OWNERSHIP_ANNOTATIONS.includes(k));
  if (owned.length === 0) return desired;
  return { ...desired, metadata: { ...desired.metadata, annotations: { ...Object.fromEntries(owned), ...(desired.metadata.annotations ?? {}) } } };
}

/** Whether writing `desired` over `live` would change nothing the user declared. */
export function isUnchanged(desired: Manifest, live: Resource): boolean {
  if (!sameJson(desired.metadata.annotations ?? {}, live.metadata.annotations ?? {})) return false;
  if (desired.kind !== 'Secret') return sameJson(desired.spec ?? {}, live.spec ?? {});
  const { data: _d, stringData: _s, ...rest } = desired.spec ?? {};
  const { data: _ld, stringData: _ls, ...liveRest } = live.spec ?? {};
  if (!sameJson(rest, liveRest)) return false;
  const declared = declaredSecretValues(desired);
  return declared === undefined || secretValuesMatch(declared, live);
}

/** The manifest as sent: no resourceVersion (an unconditional upsert), no server-owned fields. */
function forWrite(manifest: Manifest): Manifest {
  const { resourceVersion: _rv, uid: _uid, generation: _g, creationTimestamp: _c, ...metadata } = manifest.metadata;
  const { status: _status, ...rest } = manifest;
  return { ...rest, metadata } as Manifest;
}

/** Failures that every following document would hit too. */
function isFatal(err: unknown): boolean {
  return err instanceof ControlPlaneUnreachableError || (err instanceof ControlPlaneError && (err.status === 401 || err.status === 403));
}

function order(manifest: Manifest): number {
  return kindInfo(manifest.kind)?.applyOrder ?? Number.MAX_SAFE_INTEGER;
}

/** Structural equality of JSON values, ignoring the order of object keys. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => sameJson(v, b[i]));
  }
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object') return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
