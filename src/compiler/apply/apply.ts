import type { ControlPlane } from '../../api/control-plane.js';
import { ControlPlaneError, ControlPlaneUnreachableError } from '../../api/errors.js';
import type { BatchOperation, Manifest } from '../../api/wire.js';
import { dependencyLevels, namedAmong } from './dependency-order.js';
import { kindInfo } from '../../api/kinds.js';
import { keyId } from '../../api/diagnostic.js';
import { withOwnership } from '../plan/ownership.js';
import type { Plan, ResourceChange } from '../plan/types.js';
import type { ApplyEvent, ApplyEventSink } from './events.js';
import { runBounded } from './run-bounded.js';

/** How many writes run at once within one dependency level. */
export const DEFAULT_CONCURRENCY = 8;

export interface ApplyInput {
  plan: Plan;
  /** Desired manifests by `kind/namespace/name` (the compiled configuration the plan was made from). */
  desired: ReadonlyMap<string, Record<string, unknown>>;
  controlPlane: ControlPlane;
  emit: ApplyEventSink;
  concurrency?: number;
}

export interface ApplyOutcome {
  applied: number;
  failed: number;
  skipped: number;
}

/**
 * Carries out a plan: creates and updates level by level in dependency order (Secrets, then
 * GuardBindings, ModelProviders and Providers, then Agents, then AccessKeys), then deletes in
 * reverse order. Every write is conditional on the resourceVersion the plan read, so a concurrent
 * change fails clearly (409) instead of being overwritten. After a level with a failure, later
 * levels are skipped: their dependencies may be missing. Running apply again converges.
 */
export async function applyPlan(input: ApplyInput): Promise<ApplyOutcome> {
  const started = Date.now();
  const work = input.plan.changes.filter((c) => c.action !== 'no-op');
  input.emit({ type: 'apply-started', total: work.length });
  const outcome: ApplyOutcome = { applied: 0, failed: 0, skipped: 0 };
  const deleting = new Set(work.filter((c) => c.action === 'delete').map((c) => keyId(c.key)));
  const record = (results: UnitResult[]) => {
    for (const r of results) {
      input.emit(r.event);
      if (r.event.type === 'resource-applied') outcome.applied++;
      else outcome.failed++;
    }
  };
  let stop = false;
  for (const level of levels(work, input.desired)) {
    if (stop) {
      for (const c of level.flat()) {
        outcome.skipped++;
        input.emit({ type: 'resource-skipped', key: c.key, action: c.action as Exclude<ResourceChange['action'], 'no-op'>, reason: 'an earlier step failed' });
      }
      continue;
    }
    // A delete refused only because another resource of this plan's deletes still names it goes
    // again at the end of its level, with the rest of those, as one batch (admitted as a whole).
    const deferred: ResourceChange[] = [];
    await runBounded(level, input.concurrency ?? DEFAULT_CONCURRENCY, async (unit) => {
      const results = await applyUnit(unit, input);
      const [only] = results;
      if (unit.length === 1 && only?.error && usedOnlyByDeleted(only.error, deleting)) deferred.push(unit[0]!);
      else record(results);
    });
    if (deferred.length > 0) record(await applyUnit(deferred, input));
    if (outcome.failed > 0) stop = true;
  }
  input.emit({ type: 'apply-finished', ...outcome, durationMs: Date.now() - started });
  return outcome;
}

/** What one write did: its event, and the error when it failed. */
interface UnitResult {
  event: ApplyEvent;
  error?: unknown;
}

function usedOnlyByDeleted(err: unknown, deleting: ReadonlySet<string>): boolean {
  return err instanceof ControlPlaneError && err.reason === 'InUse' && err.dependents.length > 0 && err.dependents.every((d) => deleting.has(keyId(d)));
}

/** Changes that go to the server together: one call, or one batch when they name each other in a cycle. */
type Unit = ResourceChange[];

async function applyUnit(unit: Unit, input: ApplyInput): Promise<UnitResult[]> {
  if (unit.length === 1) return [await applyOne(unit[0]!, input)];
  const t0 = Date.now();
  try {
    const results = await input.controlPlane.batch(unit.map((c) => batchOperation(c, input)));
    return unit.map((c, i) => ({
      event: { type: 'resource-applied', key: c.key, action: c.action as Exclude<ResourceChange['action'], 'no-op'>, resourceVersion: results[i]!.resource.metadata.resourceVersion, durationMs: Date.now() - t0 },
    }));
  } catch (err) {
    return unit.map((c) => ({ event: failure(c, err), error: err }));
  }
}

function batchOperation(change: ResourceChange, input: ApplyInput): BatchOperation {
  if (change.action === 'delete') {
    const rv = change.liveResourceVersion ? { resourceVersion: change.liveResourceVersion } : {};
    return { op: 'delete', resource: { kind: change.key.kind, metadata: { name: change.key.name, namespace: change.key.namespace, ...rv } } };
  }
  const manifest = manifestToWrite(change, input);
  return { op: change.action === 'create' ? 'create' : 'put', resource: manifest };
}

function manifestToWrite(change: ResourceChange, input: ApplyInput): Manifest {
  const desired = input.desired.get(keyId(change.key));
  if (!desired) throw new Error(`bug: no desired manifest for ${keyId(change.key)}`);
  const manifest = withOwnership(desired, input.plan.source, input.plan.commit) as Manifest;
  manifest.metadata = { ...manifest.metadata, namespace: change.key.namespace };
  if (change.action === 'update') manifest.metadata = { ...manifest.metadata, resourceVersion: change.liveResourceVersion };
  return manifest;
}

async function applyOne(change: ResourceChange, input: ApplyInput): Promise<UnitResult> {
  const action = change.action as Exclude<ResourceChange['action'], 'no-op'>;
  const t0 = Date.now();
  const cp = input.controlPlane;
  try {
    let resourceVersion: string | undefined;
    if (action === 'delete') {
      const opts = change.liveResourceVersion ? { resourceVersion: change.liveResourceVersion } : {};
      resourceVersion = (await cp.delete(change.key.kind, change.key.namespace, change.key.name, opts)).metadata.resourceVersion;
    } else {
      const manifest = manifestToWrite(change, input);
      if (action === 'create') resourceVersion = (await cp.create(manifest)).metadata.resourceVersion;
      else resourceVersion = (await cp.put(manifest)).resource.metadata.resourceVersion;
    }
    return { event: { type: 'resource-applied', key: change.key, action, ...(resourceVersion ? { resourceVersion } : {}), durationMs: Date.now() - t0 } };
  } catch (err) {
    return { event: failure(change, err), error: err };
  }
}

/** The event of a change that failed, at the file:line that declares it (for annotations). */
function failure(change: ResourceChange, err: unknown): ApplyEvent {
  const { key } = change;
  const action = change.action as Exclude<ResourceChange['action'], 'no-op'>;
  const where = change.source ? { source: change.source } : {};
  if (err instanceof ControlPlaneError) {
    const conflict = err.status === 409 && err.reason !== 'InUse';
    const message = conflict
      ? action === 'create'
        ? 'it was created by someone else since the plan was made'
        : 'it was changed by someone else since the plan was made (resourceVersion conflict); nothing was overwritten'
      : err.message;
    return { type: 'resource-failed', key, action, message, conflict, ...(conflict ? { hint: 'run pai plan again to see the current state' } : err.hint ? { hint: err.hint } : {}), ...where };
  }
  if (err instanceof ControlPlaneUnreachableError) return { type: 'resource-failed', key, action, message: err.message, conflict: false, hint: 'run pai apply again once the server is back: it converges', ...where };
  throw err;
}

/**
 * Groups changes into levels that may run concurrently: same apply order, creates/updates before
 * deletes. Within a level of creates, a resource goes after those it names (a ModelProvider after
 * the one its fallbacks use: the server refuses a reference to what does not exist yet); objects
 * that name each other in a cycle go together in one batch.
 */
function levels(changes: ResourceChange[], desired: ReadonlyMap<string, Record<string, unknown>>): Unit[][] {
  const groups = new Map<string, ResourceChange[]>();
  for (const c of changes) {
    const order = kindInfo(c.key.kind)?.applyOrder ?? 99;
    const id = c.action === 'delete' ? `d${String(1000 - order).padStart(4, '0')}` : `a${String(order).padStart(4, '0')}`;
    const group = groups.get(id);
    if (group) group.push(c);
    else groups.set(id, [c]);
  }
  const sorted = [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  return sorted.flatMap(([id, g]) => (id.startsWith('a') ? byDependencies(g, desired) : [g.map((c) => [c])]));
}

/** Sub-levels of one level of creates and updates: a create goes after the creates it names. */
function byDependencies(group: ResourceChange[], desired: ReadonlyMap<string, Record<string, unknown>>): Unit[][] {
  const created = new Map(group.filter((c) => c.action === 'create').map((c) => [keyId(c.key), c]));
  if (created.size < 2) return [group.map((c) => [c])];
  return dependencyLevels(group, (c) => {
    const manifest = desired.get(keyId(c.key));
    return manifest ? namedAmong({ key: c.key, manifest }, created) : [];
  });
}
