import { Args, Flags } from '@oclif/core';
import { ControlPlaneCommand } from '../base-command.js';
import { PLAN_DESCRIPTION, PLAN_EXAMPLES, PLAN_FLAGS, PLAN_SUMMARY } from '../plan-options.js';
import type { PlanFormat } from '../render/plan/index.js';

export default class PlanCommand extends ControlPlaneCommand {
  static override summary = PLAN_SUMMARY;
  static override description = PLAN_DESCRIPTION;
  static override examples = PLAN_EXAMPLES;
  static override enableJsonFlag = true;
  static override args = { path: Args.string({ ignoreStdin: true, description: 'directory (or file) of manifests', default: '.' }) };
  static override flags = {
    format: Flags.string({ char: 'o', description: PLAN_FLAGS.format.description, options: [...PLAN_FLAGS.format.options], default: PLAN_FLAGS.format.default }),
    out: Flags.string({ description: PLAN_FLAGS.out.description }),
    'detailed-exitcode': Flags.boolean({ description: PLAN_FLAGS['detailed-exitcode'].description }),
    prune: Flags.boolean({ description: PLAN_FLAGS.prune.description }),
    strict: Flags.boolean({ description: PLAN_FLAGS.strict.description }),
    source: Flags.string({ description: PLAN_FLAGS.source.description }),
    adopt: Flags.boolean({ description: PLAN_FLAGS.adopt.description }),
    'diagnostics-format': Flags.string({ description: PLAN_FLAGS['diagnostics-format'].description, options: [...PLAN_FLAGS['diagnostics-format'].options], default: PLAN_FLAGS['diagnostics-format'].default }),
  };

  async run(): Promise<void> {
    const { args, flags, raw } = await this.parse(PlanCommand);
    const format = this.formatWithJson(flags.format as PlanFormat, raw, 'format');
    const controlPlane = this.connect(flags.context);
    const request = { path: args.path, format, detailedExitcode: flags['detailed-exitcode'], prune: flags.prune, strict: flags.strict, adopt: flags.adopt, diagnosticsFormat: flags['diagnostics-format'] as 'text' | 'github', ...(flags.out ? { out: flags.out } : {}), ...(flags.source ? { source: flags.source } : {}) };
    const { runPlan } = await import('../plan-run.js');
    const exitCode = await runPlan(request, controlPlane, this.serverUrl ?? '');
    if (exitCode !== 0) this.exit(exitCode);
  }
}
