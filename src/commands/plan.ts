import { renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isatty } from 'node:tty';
import { Args, Flags } from '@oclif/core';
import { ControlPlaneCommand } from '../cli/base-command.js';
import { EXIT_CODES } from '../cli/exit-codes.js';
import { UserError } from '../cli/user-error.js';
import { renderCompileResult } from '../cli/validate-run.js';
import { VERSION } from '../cli/version.js';
import { countBySeverity } from '../diagnostics/diagnostic.js';
import { preparePlan } from '../gitops/prepare.js';
import { buildPlanFile } from '../plan/planfile.js';
import { hasChanges } from '../plan/types.js';
import { renderPlan, type PlanFormat } from '../render/plan/index.js';

export default class PlanCommand extends ControlPlaneCommand {
  static override summary = 'Show what applying the manifests would change in the control plane.';
  static override description = `Compiles the manifests, reads the live state (one LIST per kind) and shows every create,
update and delete, field by field. Secret values are never shown: a changed value reads
"(sensitive value changed)". Changes made outside git are marked as drift.

Exit status: 0 success, 1 error; with --detailed-exitcode 0 no changes, 1 error, 2 changes.`;
  static override examples = [
    '<%= config.bin %> plan ./config',
    '<%= config.bin %> plan ./config --out plan.json',
    '<%= config.bin %> plan ./config --format markdown > plan.md',
    '<%= config.bin %> plan ./config --detailed-exitcode --prune',
  ];
  static override args = { path: Args.string({ ignoreStdin: true, description: 'directory (or file) of manifests', default: '.' }) };
  static override flags = {
    format: Flags.string({ description: 'output format', options: ['text', 'json', 'markdown'], default: 'text' }),
    out: Flags.string({ description: 'save the plan to this file, for `pai apply FILE`' }),
    'detailed-exitcode': Flags.boolean({ description: 'exit 2 when there are changes, 0 when there are none' }),
    prune: Flags.boolean({ description: 'plan deletes of resources this source applied before and no longer declares' }),
    strict: Flags.boolean({ description: 'treat manifest warnings as errors' }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(PlanCommand);
    const controlPlane = this.connect(flags.context);
    const prepared = await preparePlan({ dir: args.path, controlPlane, prune: flags.prune, strict: flags.strict });
    const { errors, warnings } = countBySeverity(prepared.compiled.diagnostics);
    if (errors + warnings > 0) process.stderr.write(renderCompileResult(prepared.compiled, 'text', { color: isatty(2) && !process.env.NO_COLOR }));
    if (!prepared.ok || !prepared.plan) throw new UserError('the manifests have errors; no plan was made', 'fix the errors above (pai validate shows them too)');
    const plan = prepared.plan;
    if (flags.out) {
      const file = buildPlanFile({ plan, path: path.resolve(args.path), server: this.serverUrl ?? '', desiredDigest: prepared.desiredDigest, toolVersion: VERSION });
      const tmp = `${flags.out}.tmp-${process.pid}`;
      writeFileSync(tmp, JSON.stringify(file, null, 2) + '\n', { mode: 0o600 });
      renameSync(tmp, flags.out);
    }
    process.stdout.write(renderPlan(flags.format as PlanFormat, { plan, color: flags.format === 'text' && isatty(1) && !process.env.NO_COLOR, toolVersion: VERSION }));
    if (flags.out && flags.format === 'text') process.stdout.write(`\nSaved the plan to ${flags.out}. Apply exactly this plan with: pai apply ${flags.out}\n`);
    if (flags['detailed-exitcode'] && hasChanges(plan)) this.exit(EXIT_CODES.changesPresent);
  }
}
