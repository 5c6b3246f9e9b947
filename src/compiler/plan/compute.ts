import { keyId, type ResourceKey } from '../../api/diagnostic.js';
import { kindInfo } from '../../api/kinds.js';
import { diffObjects, equal, NO_RECORD } from './diff.js';
import { declaredSecretValues, secretFingerprint } from '../../api/secret-values.js';
import { isOwnAnnotation, liveSecretFingerprints, normalize } from './normalize.js';
import { ownershipOf, sameSource } from './ownership.js';
import type { Action, FieldChange, Plan, ResourceChange, SourceLocation } from './types.js';
import { ANNOTATION_LAST_APPLIED, ANNOTATION_MANAGED_BY } from '../../api/annotations.js';

type Obj = Record<string, unknown>;

export interface DesiredResource {
  key: ResourceKey;
  manifest: Obj;
  source?: SourceLocation;
}

export interface PlanInput {
  desired: readonly DesiredResource[];
  /** Every live object of the kinds involved, as returned by one LIST per kind. */
  live: readonly Obj[];
  /** `<repository>#<path>`: who this plan applies as. */
  source: string;
  commit?: string;
  prune: boolean;
}

/**
 * Reconcile (pair desired with live by kind/namespace/name), normalize both sides, then diff —
 * the three pure steps of gitops-engine. Never sees a secret value: Secrets compare by
 * fingerprints computed with the live salt.
 */
export function computePlan(input: PlanInput): Plan {
  const liveByKey = new Map<string, Obj>();
  for (const obj of input.live) liveByKey.set(liveId(obj), obj);
  const changes: ResourceChange[] = [];
  const declared = new Set<string>();

  for (const d of input.desired) {
    const id = keyId(d.key);
    declared.add(id);
    const live = liveByKey.get(id);
    if (!live) {
      changes.push(resourceChange(d, 'create', attributes(d.manifest, 'after'), false));
      continue;
    }
    const fieldChanges = d.key.kind === 'Secret' ? diffSecret(d.manifest, live) : [];
    // Fast path: what pai applied comes back unchanged, so most resources of a plan compare equal
    // as written; defaults and the last-applied record matter only when they differ.
    if (!sameAsWritten(d.manifest, live)) fieldChanges.push(...diffObjects(normalize(live), normalize(d.manifest), lastApplied(live)));
    // Another source's object is only planned when the caller allowed it (`--adopt`: preparePlan
    // refuses such conflicts otherwise); the takeover is a write of the owner, shown as a change.
    const owner = ownershipOf(live);
    const adopted = owner !== undefined && !sameSource(owner.source, input.source);
    if (adopted) fieldChanges.push({ path: `metadata.annotations.${ANNOTATION_MANAGED_BY}`, before: owner.source, after: input.source });
    const reason = adopted ? `adopted from ${owner.source}` : undefined;
    const action = fieldChanges.length > 0 ? 'update' : 'no-op';
    changes.push(resourceChange(d, action, fieldChanges, fieldChanges.some((c) => c.drift), String((live.metadata as Obj).resourceVersion ?? ''), reason));
  }

  const prunable: ResourceKey[] = [];
  const unmanaged: ResourceKey[] = [];
  for (const [id, live] of liveByKey) {
    if (declared.has(id)) continue;
    const key = liveKey(live);
    const owner = ownershipOf(live)?.source;
    if (owner === undefined || !sameSource(owner, input.source)) unmanaged.push(key);
    else if (!input.prune) prunable.push(key);
    else changes.push({ key, action: 'delete', changes: attributes(live, 'before'), drift: false, liveResourceVersion: String((live.metadata as Obj).resourceVersion ?? ''), reason: `no longer declared in ${input.source}` });
  }

  const summary = { create: 0, update: 0, delete: 0, noop: 0 };
  for (const c of changes) summary[c.action === 'no-op' ? 'noop' : c.action]++;
  return {
    source: input.source,
    ...(input.commit ? { commit: input.commit } : {}),
    prune: input.prune,
    changes: inApplyOrder(changes),
    prunable: prunable.sort(byKey),
    unmanaged: unmanaged.sort(byKey),
    summary,
  };
}

/** A declared resource whose live object another source applied (and so owns). */
export interface OwnershipConflict {
  resource: DesiredResource;
  /** The other source's ownership id, as its annotation says. */
  owner: string;
}

/**
 * The declared resources that another source owns. A plan must never take them over silently:
 * two repositories would take each other's objects in turns, and each one's prune would miss
 * them. preparePlan refuses a plan with conflicts unless the user asked to adopt them.
 */
export function ownershipConflicts(input: Pick<PlanInput, 'desired' | 'live' | 'source'>): OwnershipConflict[] {
  const owners = new Map<string, string>();
  for (const obj of input.live) {
    const owner = ownershipOf(obj)?.source;
    if (owner !== undefined && !sameSource(owner, input.source)) owners.set(liveId(obj), owner);
  }
  const conflicts: OwnershipConflict[] = [];
  if (owners.size === 0) return conflicts;
  for (const d of input.desired) {
    const owner = owners.get(keyId(d.key));
    if (owner !== undefined) conflicts.push({ resource: d, owner });
  }
  return conflicts;
}

/**
 * A create, update or no-op of a declared resource. Built field by field rather than with object
 * spreads: this runs for each of 10,000 resources. The key order is what `--format json` prints.
 */
function resourceChange(d: DesiredResource, action: Action, changes: FieldChange[], drift: boolean, liveResourceVersion?: string, reason?: string): ResourceChange {
  const change: ResourceChange = d.source ? { key: d.key, source: d.source, action, changes, drift } : { key: d.key, action, changes, drift };
  if (liveResourceVersion !== undefined) change.liveResourceVersion = liveResourceVersion;
  if (reason !== undefined) change.reason = reason;
  return change;
}

/** Value changes of a Secret, by fingerprint. A Secret declared without values manages none. */
/**
 * Every attribute of a resource that is created (`after`) or deleted (`before`), as changes from
 * or to nothing: a reviewer judges a create by what it sets and a delete by what goes, as
 * Terraform lists them. Values are normalized (defaults filled in: what will be in effect); a
 * Secret lists its keys only, as sensitive values.
 */
function attributes(manifest: Obj, side: 'after' | 'before'): FieldChange[] {
  const { metadata, ...rest } = normalize(manifest);
  const { name: _name, namespace: _namespace, ...userMetadata } = metadata as Obj;
  const shown: Obj = Object.keys(userMetadata).length > 0 ? { metadata: userMetadata, ...rest } : rest;
  const changes = leafChanges(shown, side, '');
  if (manifest.kind === 'Secret') {
    const keys = side === 'after' ? [...(declaredSecretValues(manifest)?.keys() ?? [])] : [...liveSecretFingerprints(manifest).keys.keys()];
    for (const k of keys.sort()) changes.push({ path: `data.${k}`, sensitive: true, [side]: SENSITIVE_PLACEHOLDER });
  }
  return changes;
}

/** One change per leaf of `value`, walking into mappings (lists stay whole, as diffObjects has them). */
function leafChanges(value: unknown, side: 'after' | 'before', path: string): FieldChange[] {
  // An empty mapping sets nothing a reviewer could judge.
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    return Object.keys(value).sort().flatMap((k) => leafChanges((value as Obj)[k], side, path ? `${path}.${k}` : k));
  }
  return side === 'after' ? diffObjects(undefined, value, NO_RECORD, path) : diffObjects(value, undefined, NO_RECORD, path);
}

/** What stands for a Secret value in a FieldChange: never the value itself. */
const SENSITIVE_PLACEHOLDER = '(sensitive value)';

function diffSecret(desired: Obj, live: Obj): FieldChange[] {
  const values = declaredSecretValues(desired);
  if (!values) return [];
  const { salt, keys } = liveSecretFingerprints(live);
  const out: FieldChange[] = [];
  for (const [k, v] of values) {
    const fp = keys.get(k);
    if (fp === undefined) out.push({ path: `data.${k}`, sensitive: true, after: SENSITIVE_PLACEHOLDER });
    else if (fp !== secretFingerprint(salt, k, v)) out.push({ path: `data.${k}`, sensitive: true });
  }
  for (const k of keys.keys()) if (!values.has(k)) out.push({ path: `data.${k}`, sensitive: true, before: SENSITIVE_PLACEHOLDER });
  return out;
}

/** Whether the live object holds exactly the desired spec, labels and user annotations. */
function sameAsWritten(desired: Obj, live: Obj): boolean {
  if (desired.kind === 'Secret') return sameMetadata(desired, live);
  return equal(desired.spec ?? {}, live.spec ?? {}) && sameMetadata(desired, live);
}

function sameMetadata(desired: Obj, live: Obj): boolean {
  const a = (desired.metadata ?? {}) as Obj;
  const b = (live.metadata ?? {}) as Obj;
  return equal(a.labels ?? {}, b.labels ?? {}) && sameUserAnnotations(a.annotations, b.annotations);
}

/** equal(userAnnotations(a), userAnnotations(b)) without building either (this runs for every resource). */
function sameUserAnnotations(a: unknown, b: unknown): boolean {
  const x = (a ?? {}) as Obj;
  const y = (b ?? {}) as Obj;
  let count = 0;
  for (const k in x) {
    if (x[k] === undefined || isOwnAnnotation(k)) continue;
    count++;
    if (!equal(x[k], y[k])) return false;
  }
  for (const k in y) if (y[k] !== undefined && !isOwnAnnotation(k)) count--;
  return count === 0;
}

/** What pai applied last time (normalized), or NO_RECORD for objects pai never applied. */
function lastApplied(live: Obj): unknown {
  const raw = ((live.metadata as Obj | undefined)?.annotations as Obj | undefined)?.[ANNOTATION_LAST_APPLIED];
  if (typeof raw !== 'string') return NO_RECORD;
  try {
    return JSON.parse(raw);
  } catch {
    return NO_RECORD;
  }
}

/** keyId(liveKey(obj)) without the intermediate key object. */
function liveId(obj: Obj): string {
  const m = (obj.metadata ?? {}) as Obj;
  return `${String(obj.kind)}/${String(m.namespace ?? 'default')}/${String(m.name)}`;
}

export function liveKey(obj: Obj): ResourceKey {
  const m = (obj.metadata ?? {}) as Obj;
  return { kind: String(obj.kind), namespace: String(m.namespace ?? 'default'), name: String(m.name) };
}

function byKey(a: ResourceKey, b: ResourceKey): number {
  return compareStrings(keyId(a), keyId(b));
}

function compareStrings(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Creates and updates in dependency order, deletes after them in reverse order; by key within a
 * rank. The sort keys are computed once per change, not once per comparison (10,000 changes).
 */
function inApplyOrder(changes: ResourceChange[]): ResourceChange[] {
  const keyed = changes.map((c) => {
    const order = kindInfo(c.key.kind)?.applyOrder ?? 99;
    return { c, rank: c.action === 'delete' ? 1000 - order : order, id: keyId(c.key) };
  });
  keyed.sort((a, b) => a.rank - b.rank || compareStrings(a.id, b.id));
  return keyed.map((k) => k.c);
}
