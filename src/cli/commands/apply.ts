import { useColor } from '../color.js';
import { Args, Flags } from '@oclif/core';
import { ControlPlaneCommand } from '../base-command.js';
import { EXIT_CODES } from '../exit-codes.js';
import { filenameFlag } from '../flags.js';
import { PLAN_FLAGS } from '../plan-options.js';
import type { ImperativeRunResult } from '../imperative-run.js';
import { UserError } from '../../lib/user-error.js';
import { VERSION } from '../version.js';
import { countBySeverity } from '../../api/diagnostic.js';
import type { PreparedPlan } from '../gitops/prepare.js';
import { hasChanges, type Plan } from '../../compiler/plan/types.js';
import { renderApplyEvent, type ApplyEventFormat } from '../render/apply/index.js';

export default class Apply extends ControlPlaneCommand {
  static override summary = 'Apply a directory of manifests or a saved plan (GitOps), or files with -f.';
  static override description = `GitOps: \`pai apply DIR\` computes the plan, shows it, asks for confirmation on a terminal
(--auto-approve skips it; without a terminal pai never prompts and refuses instead) and
applies it in dependency order with conditional writes. \`pai apply plan.json\` applies exactly
a plan saved by \`pai plan --out\`, and refuses it when the manifests or any live object it
touches changed since. Every applied resource records its source (repository and path) and git
commit; --prune deletes only resources this source applied before and no longer declares.
A failed apply reports what was done and what was not; running it again converges.

Imperative: \`pai apply -f FILE|DIR|-\` creates or replaces each document as it is, without a
plan and without deleting anything. A Secret manifest without values never wipes existing
values.`;
  static override examples = [
    '<%= config.bin %> apply ./config',
    '<%= config.bin %> apply ./config --auto-approve --prune',
    '<%= config.bin %> plan ./config --out plan.json && <%= config.bin %> apply plan.json',
    '<%= config.bin %> apply -f model-provider.yaml',
    'cat agent.yaml | <%= config.bin %> apply -f -',
  ];
  static override enableJsonFlag = true;
  static override args = { target: Args.string({ ignoreStdin: true, description: 'directory of manifests, or a plan file saved by `pai plan --out`' }) };
  static override flags = {
    filename: filenameFlag,
    'auto-approve': Flags.boolean({ description: 'apply without asking for confirmation' }),
    prune: Flags.boolean({ description: 'delete resources this source applied before and no longer declares' }),
    'allow-dirty': Flags.boolean({ description: 'apply even when the manifests have uncommitted changes' }),
    strict: Flags.boolean({ description: PLAN_FLAGS.strict.description }),
    source: Flags.string({ description: PLAN_FLAGS.source.description }),
    adopt: Flags.boolean({ description: PLAN_FLAGS.adopt.description }),
    'diagnostics-format': Flags.string({ description: PLAN_FLAGS['diagnostics-format'].description, options: [...PLAN_FLAGS['diagnostics-format'].options], default: PLAN_FLAGS['diagnostics-format'].default }),
    format: Flags.string({ description: 'progress output: text, or json (one event per line)', options: ['text', 'json'], default: 'text' }),
  };

  async run(): Promise<ImperativeRunResult | void> {
    const { args, flags } = await this.parse(Apply);
    if (flags.filename?.length) {
      // With piped stdin, oclif hands its content to the positional argument too: ignore it then.
      if (args.target && !flags.filename.includes('-')) throw new UserError('give either a directory/plan file or -f files, not both');
      return this.runFromFiles(flags.filename, 'apply', flags.context);
    }
    if (!args.target) throw new UserError('nothing to apply', 'give a directory of manifests (pai apply ./config), a saved plan (pai apply plan.json), or files (pai apply -f FILE)');
    const controlPlane = this.connect(flags.context);
    // The compiler, git and the plan renderer are loaded only for a directory or a plan file.
    const [{ executePlan, readPlanFileArg, revalidatePlanFile, StalePlanError }, { preparePlan }, { renderCompileResult }, { renderPlan }] = await Promise.all([
      import('../gitops/apply-run.js'),
      import('../gitops/prepare.js'),
      import('../validate-run.js'),
      import('../render/plan/index.js'),
    ]);
    const format = flags.format as ApplyEventFormat;
    const out = (text: string) => process.stdout.write(text);

    let plan: Plan;
    let prepared: PreparedPlan;
    const planFile = readPlanFileArg(args.target);
    if (typeof planFile === 'string') throw new UserError(`${args.target} is not a usable plan file: ${planFile}`, 'save one with `pai plan DIR --out plan.json`');
    if (planFile) {
      if (planFile.server && this.serverUrl && planFile.server !== this.serverUrl) {
        throw new UserError(`the plan was made against ${planFile.server}, not ${this.serverUrl}`, 'apply it with the context it was made for, or make a new plan');
      }
      try {
        ({ plan, prepared } = await revalidatePlanFile(planFile, controlPlane));
      } catch (err) {
        if (err instanceof StalePlanError) throw new UserError('the saved plan is stale: the world moved on since it was made, so nothing was applied', 'run `pai plan` again and review the new plan', err.moved);
        throw err;
      }
    } else {
      prepared = await preparePlan({ dir: args.target, controlPlane, prune: flags.prune, strict: flags.strict, checkDirty: !flags['allow-dirty'], adopt: flags.adopt, ...(flags.source ? { source: flags.source } : {}) });
      const { errors, warnings } = countBySeverity(prepared.compiled.diagnostics);
      if (errors + warnings > 0) process.stderr.write(renderCompileResult(prepared.compiled, flags['diagnostics-format'] as 'text' | 'github', { color: useColor(process.stderr) }));
      if (!prepared.ok || !prepared.plan) throw new UserError('the manifests have errors; nothing was applied', 'fix the errors above (pai validate shows them too)');
      if (prepared.git?.dirty && !flags['allow-dirty']) {
        throw new UserError(`${args.target} has uncommitted changes`, 'commit them first, so that what is applied is recorded in git, or pass --allow-dirty');
      }
      plan = prepared.plan;
      if (format === 'text') out(renderPlan('text', { plan, color: useColor(process.stdout), toolVersion: VERSION }));
      if (!hasChanges(plan)) return;
      if (!flags['auto-approve']) {
        if (!process.stdin.isTTY) throw new UserError('refusing to apply without confirmation: there is no terminal to ask', 'review the plan and pass --auto-approve, or apply a saved plan with `pai apply plan.json`');
        const { confirm } = await import('../confirm.js');
        if (!(await confirm('\nDo you want to apply these changes?'))) {
          this.note('Apply cancelled; nothing was changed.');
          this.exit(EXIT_CODES.error);
        }
      }
    }
    const outcome = await executePlan(plan, prepared, controlPlane, (event) => out(renderApplyEvent(format, event)));
    if (outcome.failed > 0) process.exitCode = EXIT_CODES.error;
  }
}
