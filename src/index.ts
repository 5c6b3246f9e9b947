/**
 * The pai library: what `pai validate`, `pai plan` and `pai apply` do, as data. Nothing here
 * writes to stdout or sets an exit code; the commands render what these return.
 *
 *   import { validate, plan, apply } from 'pai';
 *   const { ok, diagnostics } = await validate({ paths: ['config/'] });
 *   const p = await plan({ path: 'config/', server: 'http://127.0.0.1:7070', token });
 *   for await (const event of apply({ path: 'config/', server, token })) console.log(event.type);
 */
import { ControlPlaneClient } from './cli/client/control-plane-client.js';
import { validateConfiguration } from './cli/validate-run.js';
import { normaliseServerUrl } from './cli/config/server-url.js';
import { executePlan } from './cli/gitops/apply-run.js';
import { preparePlan, type PreparedPlan } from './cli/gitops/prepare.js';
import type { ApplyEvent } from './compiler/apply/events.js';
import type { Plan } from './compiler/plan/types.js';
import type { ControlPlane } from './api/control-plane.js';
import type { Diagnostic } from './api/diagnostic.js';

export { compile, type CompileOptions, type CompileResult } from './compiler/compile.js';
export type { Diagnostic, Severity, SourceRange, ResourceKey } from './api/diagnostic.js';
export { DIAGNOSTIC_CODES, type DiagnosticCode } from './api/diagnostic-codes.js';
export { parseModelRef, type ModelRef } from './api/model-ref.js';
export { KINDS, API_VERSION, kindInfo, resolveKindAlias } from './api/kinds.js';
export { ControlPlaneError, ControlPlaneUnreachableError } from './api/errors.js';
export type { ControlPlane } from './api/control-plane.js';
export type { ApplyEvent } from './compiler/apply/events.js';
export type { Plan, ResourceChange, FieldChange } from './compiler/plan/types.js';

export interface ValidateOptions {
  /** Files and directories (default: the working directory). Named files are checked against their whole configuration. */
  paths?: string[];
  cwd?: string;
  /** The configuration named files belong to (default: their git top level). */
  root?: string;
  /** Warnings fail too. */
  strict?: boolean;
  /** Report only problems in files changed since this git ref. */
  changedBase?: string;
}

export interface ValidateResult {
  /** False when there are errors (or warnings with `strict`): what makes `pai validate` exit 1. */
  ok: boolean;
  diagnostics: Diagnostic[];
  /** How many resources were read. */
  resources: number;
  /** What was left out of `diagnostics` (problems in other files), or ''. */
  note: string;
}

/** `pai validate`: compiles the manifests offline and returns their problems. */
export async function validate(options: ValidateOptions = {}): Promise<ValidateResult> {
  const { result, ok, note } = await validateConfiguration({ paths: options.paths ?? [], strict: options.strict ?? false, ...pick(options, 'cwd', 'root', 'changedBase') });
  return { ok, diagnostics: result.diagnostics, resources: result.resources.length, note };
}

/** Where the control plane is: a URL and a `pai_tok_…` token, or a ControlPlane of your own. */
export type Target = { server: string; token: string } | { controlPlane: ControlPlane };

export type PlanOptions = Target & {
  /** The manifests' directory. */
  path: string;
  cwd?: string;
  /** Delete what this source applied before and no longer declares. */
  prune?: boolean;
  strict?: boolean;
  /** This configuration's name as owner (default: its git remote and path). */
  source?: string;
  /** Take over declared resources another source owns. */
  adopt?: boolean;
};

export interface PlanResult {
  /** False when the manifests have errors: then there is no plan. */
  ok: boolean;
  diagnostics: Diagnostic[];
  plan?: Plan;
}

/** `pai plan`: compiles the manifests against the live state and returns what apply would change. */
export async function plan(options: PlanOptions): Promise<PlanResult> {
  return withControlPlane(options, async (controlPlane) => {
    const prepared = await prepare(options, controlPlane);
    return { ok: prepared.ok, diagnostics: prepared.compiled.diagnostics, ...(prepared.plan ? { plan: prepared.plan } : {}) };
  });
}

/** The manifests have errors, so nothing was applied; `diagnostics` says which. */
export class ManifestErrors extends Error {
  override readonly name = 'ManifestErrors';
  constructor(readonly diagnostics: Diagnostic[]) {
    super('the manifests have errors; nothing was applied');
  }
}

/**
 * `pai apply`: plans, then carries the plan out in dependency order, yielding the applier's events
 * as they happen (the last is `apply-finished`). Throws ManifestErrors before any write when the
 * manifests have errors.
 */
export async function* apply(options: PlanOptions): AsyncGenerator<ApplyEvent, void, undefined> {
  const events: ApplyEvent[] = [];
  let wake: (() => void) | undefined;
  let done = false;
  let failure: unknown;
  const run = withControlPlane(options, async (controlPlane) => {
    const prepared = await prepare(options, controlPlane);
    if (!prepared.ok || !prepared.plan) throw new ManifestErrors(prepared.compiled.diagnostics);
    await executePlan(prepared.plan, prepared, controlPlane, (event) => {
      events.push(event);
      wake?.();
    });
  }).then(
    () => { done = true; wake?.(); },
    (err: unknown) => { failure = err; done = true; wake?.(); },
  );
  while (true) {
    if (events.length > 0) {
      yield events.shift()!;
      continue;
    }
    if (done) break;
    await new Promise<void>((resolve) => (wake = resolve));
    wake = undefined;
  }
  await run;
  if (failure !== undefined) throw failure;
}

function prepare(options: PlanOptions, controlPlane: ControlPlane): Promise<PreparedPlan> {
  return preparePlan({ dir: options.path, controlPlane, prune: options.prune ?? false, ...pick(options, 'cwd', 'strict', 'source', 'adopt') });
}

async function withControlPlane<T>(target: Target, use: (controlPlane: ControlPlane) => Promise<T>): Promise<T> {
  if ('controlPlane' in target) return use(target.controlPlane);
  const client = new ControlPlaneClient({ baseUrl: normaliseServerUrl(target.server), bearer: target.token });
  try {
    return await use(client);
  } finally {
    await client.close();
  }
}

function pick<T extends object, K extends keyof T>(from: T, ...keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (from[k] !== undefined) out[k] = from[k];
  return out;
}
