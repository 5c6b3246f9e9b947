import type { ResourceKey } from '../../api/diagnostic.js';

/**
 * The plan is pure data (as Terraform's `plans.Changes`): computed from the desired state and a
 * snapshot of the live state, rendered by `render/plan/*`, saved by `plan/planfile.ts`, carried
 * out by `apply/`. Nothing here talks to the network.
 */
export type Action = 'create' | 'update' | 'delete' | 'no-op';

/** One changed field of an update, at a dotted path such as `spec.allowedModels`. */
export interface FieldChange {
  path: string;
  /** Value before (live); absent when the field is being added. Never a secret value. */
  before?: unknown;
  /** Value after (desired); absent when the field is being removed. Never a secret value. */
  after?: unknown;
  /** For lists of scalars: the items added and removed, instead of two walls of text. */
  added?: unknown[];
  removed?: unknown[];
  /** A Secret's value changed; shown as "(sensitive value changed)". */
  sensitive?: boolean;
  /** The live value was changed outside git (it differs from what pai last applied). */
  drift?: boolean;
}

/** Where a desired resource was declared, for annotations and the PR comment. */
export interface SourceLocation {
  file: string;
  line: number;
}

export interface ResourceChange {
  key: ResourceKey;
  action: Action;
  /** Field-level changes for updates (empty otherwise). */
  changes: FieldChange[];
  /** The live object was edited outside git since pai last applied it. */
  drift: boolean;
  /** resourceVersion of the live object read, for conditional writes and staleness checks. */
  liveResourceVersion?: string;
  source?: SourceLocation;
  /** Why a delete happens (pruned), or why an object is left alone. */
  reason?: string;
}

/** Who owns a live resource, from its annotations. */
export interface Ownership {
  /** Identifies the source that applied it: `<repository>#<path>`. */
  source: string;
  commit?: string;
}


export interface PlanSummary {
  create: number;
  update: number;
  delete: number;
  noop: number;
}

export interface Plan {
  /** The source this plan is for (`<repository>#<path>`), recorded as owner on apply. */
  source: string;
  /** Git commit of the manifests, when they are in a git repository. */
  commit?: string;
  /** Whether deletes of no-longer-declared resources are planned. */
  prune: boolean;
  changes: ResourceChange[];
  /** Live resources owned by this source and no longer declared, left alone because prune is off. */
  prunable: ResourceKey[];
  /** Live resources not declared and not owned by this source: never touched. */
  unmanaged: ResourceKey[];
  summary: PlanSummary;
}

export function hasChanges(plan: Plan): boolean {
  return plan.summary.create + plan.summary.update + plan.summary.delete > 0;
}
