import { writeFileAtomic } from '../lib/atomic-write.js';
import path from 'node:path';
import { useColor } from './color.js';
import type { ControlPlane } from '../api/control-plane.js';
import { countBySeverity } from '../api/diagnostic.js';
import { desiredDigestOf, preparePlan } from './gitops/prepare.js';
import { buildPlanFile } from '../compiler/plan/planfile.js';
import { hasChanges } from '../compiler/plan/types.js';
import { renderPlan, type PlanFormat } from './render/plan/index.js';
import { EXIT_CODES } from './exit-codes.js';
import { UserError } from '../lib/user-error.js';
import { renderCompileResult } from './validate-run.js';
import { VERSION } from './version.js';

/** What `pai plan` was asked to do; shared by the oclif command and the fast entry point. */
export interface PlanRequest {
  path: string;
  format: PlanFormat;
  out?: string;
  detailedExitcode: boolean;
  prune: boolean;
  strict: boolean;
  adopt: boolean;
  /** How manifest problems are printed on stderr. */
  diagnosticsFormat: 'text' | 'github';
  source?: string;
}

/**
 * Compiles, reads the live state, prints the plan (and saves it with --out). Manifest problems
 * go to stderr; a plan that cannot be made is a UserError. Returns the exit status.
 */
export async function runPlan(req: PlanRequest, controlPlane: ControlPlane, server: string): Promise<number> {
  const prepared = await preparePlan({ dir: req.path, controlPlane, prune: req.prune, strict: req.strict, adopt: req.adopt, ...(req.source ? { source: req.source } : {}) });
  const { errors, warnings } = countBySeverity(prepared.compiled.diagnostics);
  if (errors + warnings > 0) process.stderr.write(renderCompileResult(prepared.compiled, req.diagnosticsFormat, { color: useColor(process.stderr) }));
  if (!prepared.ok || !prepared.plan) throw new UserError('the manifests have errors; no plan was made', 'fix the errors above (pai validate shows them too)');
  const plan = prepared.plan;
  if (req.out) {
    const file = buildPlanFile({ plan, path: path.resolve(req.path), server, desiredDigest: desiredDigestOf(prepared), toolVersion: VERSION });
    writeFileAtomic(req.out, JSON.stringify(file, null, 2) + '\n', 0o600);
  }
  process.stdout.write(renderPlan(req.format, { plan, color: req.format === 'text' && useColor(process.stdout), toolVersion: VERSION }));
  if (req.out && req.format === 'text') process.stdout.write(`\nSaved the plan to ${req.out}. Apply exactly this plan with: pai apply ${req.out}\n`);
  return req.detailedExitcode && hasChanges(plan) ? EXIT_CODES.changesPresent : EXIT_CODES.ok;
}
