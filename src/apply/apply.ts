import type { ControlPlane } from '../client/control-plane-client.js';
import { ControlPlaneError, ControlPlaneUnreachableError } from '../client/errors.js';
import type { Manifest } from '../client/types.js';
import type { ResourceKey } from '../diagnostics/diagnostic.js';
import { kindInfo } from '../resources/kinds.js';
import { keyId } from '../plan/compute.js';
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
  let stop = false;
  for (const level of levels(work)) {
    if (stop) {
      for (const c of level) {
        outcome.skipped++;
        input.emit({ type: 'resource-skipped', key: c.key, action: c.action as Exclude<ResourceChange['action'], 'no-op'>, reason: 'an earlier step failed' });
      }
      continue;
    }
    await runBounded(level, input.concurrency ?? DEFAULT_CONCURRENCY, async (change) => {
      const ok = await applyOne(change, input);
      if (ok) outcome.applied++;
      else outcome.failed++;
    });
    if (outcome.failed > 0) stop = true;
  }
  input.emit({ type: 'apply-finished', ...outcome, durationMs: Date.now() - started });
  return outcome;
}

async function applyOne(change: ResourceChange, input: ApplyInput): Promise<boolean> {
  const action = change.action as Exclude<ResourceChange['action'], 'no-op'>;
  const t0 = Date.now();
  const cp = input.controlPlane;
  try {
    let resourceVersion: string | undefined;
    if (action === 'delete') {
      const opts = change.liveResourceVersion ? { resourceVersion: change.liveResourceVersion } : {};
      resourceVersion = (await cp.delete(change.key.kind, change.key.namespace, change.key.name, opts)).metadata.resourceVersion;
    } else {
      const desired = input.desired.get(keyId(change.key));
      if (!desired) throw new Error(`bug: no desired manifest for ${keyId(change.key)}`);
      const manifest = withOwnership(desired, input.plan.source, input.plan.commit) as Manifest;
      manifest.metadata = { ...manifest.metadata, namespace: change.key.namespace };
      if (action === 'create') {
        resourceVersion = (await cp.create(manifest)).metadata.resourceVersion;
      } else {
        manifest.metadata = { ...manifest.metadata, resourceVersion: change.liveResourceVersion };
        resourceVersion = (await cp.put(manifest)).resource.metadata.resourceVersion;
      }
    }
    input.emit({ type: 'resource-applied', key: change.key, action, ...(resourceVersion ? { resourceVersion } : {}), durationMs: Date.now() - t0 });
    return true;
  } catch (err) {
    const event = failure(change.key, action, err);
    input.emit(change.source && event.type === 'resource-failed' ? { ...event, source: change.source } : event);
    return false;
  }
}

function failure(key: ResourceKey, action: Exclude<ResourceChange['action'], 'no-op'>, err: unknown): ApplyEvent {
  if (err instanceof ControlPlaneError) {
    const conflict = err.status === 409;
    const message = conflict
      ? action === 'create'
        ? 'it was created by someone else since the plan was made'
        : 'it was changed by someone else since the plan was made (resourceVersion conflict); nothing was overwritten'
      : err.message;
    return { type: 'resource-failed', key, action, message, conflict, ...(conflict ? { hint: 'run pai plan again to see the current state' } : err.hint ? { hint: err.hint } : {}) };
  }
  if (err instanceof ControlPlaneUnreachableError) return { type: 'resource-failed', key, action, message: err.message, conflict: false, hint: 'run pai apply again once the server is back: it converges' };
  throw err;
}

/** Groups changes into levels that may run concurrently: same apply order, creates/updates before deletes. */
function levels(changes: ResourceChange[]): ResourceChange[][] {
  const groups = new Map<string, ResourceChange[]>();
  for (const c of changes) {
    const order = kindInfo(c.key.kind)?.applyOrder ?? 99;
    const id = c.action === 'delete' ? `d${String(1000 - order).padStart(4, '0')}` : `a${String(order).padStart(4, '0')}`;
    const group = groups.get(id);
    if (group) group.push(c);
    else groups.set(id, [c]);
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, g]) => g);
}
