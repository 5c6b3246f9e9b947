import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ControlPlane } from '../../api/control-plane.js';
import { applyPlan, type ApplyOutcome } from '../../compiler/apply/apply.js';
import type { ApplyEventSink } from '../../compiler/apply/events.js';
import { parsePlanFile, staleness, type PlanFile } from '../../compiler/plan/planfile.js';
import type { Plan } from '../../compiler/plan/types.js';
import { desiredDigestOf, desiredManifestsOf, liveVersionsOf, preparePlan, type PreparedPlan } from './prepare.js';

/** A saved plan whose world has moved on; `moved` says what. */
export class StalePlanError extends Error {
  constructor(readonly moved: string[]) {
    super('the saved plan is stale');
  }
}

/** Whether the argument of `pai apply` is a saved plan file (rather than a directory of manifests). */
export function readPlanFileArg(arg: string): PlanFile | undefined | string {
  if (!arg.endsWith('.json')) return undefined;
  let text: string;
  try {
    text = readFileSync(arg, 'utf8');
  } catch {
    return undefined;
  }
  return parsePlanFile(text);
}

/**
 * Re-establishes a saved plan: recompiles its manifests and re-reads the live state, and throws
 * StalePlanError when the manifests or any object the plan touches changed since it was saved.
 * Returns the saved plan (exactly what was reviewed) with the desired manifests to write.
 */
export async function revalidatePlanFile(file: PlanFile, controlPlane: ControlPlane): Promise<{ plan: Plan; prepared: PreparedPlan }> {
  // The saved plan already says whose resources it takes over (it was reviewed so): only staleness counts here.
  const prepared = await preparePlan({ dir: file.path, controlPlane, prune: file.plan.prune, cwd: path.dirname(file.path), adopt: true });
  if (!prepared.ok) throw new StalePlanError([`the manifests under ${file.path} no longer compile`]);
  const moved = staleness(file, desiredDigestOf(prepared), liveVersionsOf(prepared));
  if (moved.length > 0) throw new StalePlanError(moved);
  return { plan: file.plan, prepared };
}

export async function executePlan(plan: Plan, prepared: PreparedPlan, controlPlane: ControlPlane, emit: ApplyEventSink): Promise<ApplyOutcome> {
  return applyPlan({ plan, desired: desiredManifestsOf(prepared), controlPlane, emit });
}
