import path from 'node:path';
import { hasChanges, type Plan } from '../../compiler/plan/types.js';
import { parsePlanJson, renderPlan } from '../render/plan/index.js';
import { runUrl } from './github-context.js';
import { appendSummary, setOutput, type ModeContext } from './mode-context.js';
import { planFailureComment, postPlanComment } from './plan-comment.js';
import { PLAN_COMMENT_MAX } from './sticky-comment.js';
import { lastSummaryLine } from './validate-mode.js';
import { errorCommand, redactSecrets, stripAnsi } from './workflow-commands.js';

/** GitHub refuses a step summary over 1 MiB; this leaves room for what other steps add. */
export const SUMMARY_MAX_BYTES = 1_000_000;

/**
 * `mode: plan` (on a pull request): `pai plan --format json`, with the manifests' problems as
 * workflow commands (annotations on the files). They come from the plan, which knows the live
 * state: a Secret that exists in the control plane is not warned about, and one that is missing
 * is an error at its reference — which an offline validate could not tell. From the one plan:
 * the text in the log, the markdown in the job summary, and the sticky PR comment cut to
 * GitHub's limit with a link to the summary. The action renders the JSON itself (rather than
 * asking pai for markdown) because only it knows the run's URL and the limits. The saved plan
 * (`--out`) is left in RUNNER_TEMP and named in the `plan-file` output.
 */
export async function runPlanMode(ctx: ModeContext): Promise<number> {
  const { inputs, io } = ctx;
  const secrets = [inputs.token, inputs.githubToken];

  const planFile = path.join(ctx.github.tempDir, 'pai-plan.json');
  const args = ['plan', inputs.path, '--format', 'json', '--diagnostics-format', 'github', '--out', planFile, ...(inputs.prune ? ['--prune'] : []), ...inputs.args];
  const result = await ctx.runPai(args, { stream: false });
  // The annotations reach the runner on the step's stdout.
  if (result.stderr) io.write(result.stderr.endsWith('\n') ? result.stderr : result.stderr + '\n');
  const problems = result.code === 1 ? lastSummaryLine(result.stderr) : undefined;
  if (problems) {
    io.write(errorCommand(`the manifests have problems (${problems}); no plan was made`));
    appendSummary(ctx, `### pai plan: not made\n\nThe manifests have problems: ${problems}\n`);
    await postPlanComment(ctx, planFailureComment(ctx, `The manifests have problems: ${problems}. They are annotated on the files.`, ''));
    return result.code;
  }
  // 2 is "changes present" when the user passed --detailed-exitcode in `args`.
  const parsed = result.code === 0 || result.code === 2 ? parsePlanJson(result.stdout) : undefined;
  if (!parsed) {
    const what = result.code === 0 || result.code === 2 ? '`pai plan` did not print a JSON plan' : `\`pai plan\` failed with exit code ${result.code}`;
    io.write(errorCommand(what.replace(/`/g, '')));
    const output = redactSecrets(stripAnsi(result.stderr || result.stdout), secrets);
    appendSummary(ctx, planFailureComment(ctx, what, output));
    await postPlanComment(ctx, planFailureComment(ctx, what, output));
    return result.code === 0 || result.code === 2 ? 1 : result.code;
  }

  const { plan, tool } = parsed;
  io.write(renderPlan('text', { plan, color: true, toolVersion: tool.version }));
  appendSummary(ctx, summaryMarkdown(plan, tool.version));
  setOutput(ctx, 'has-changes', String(hasChanges(plan)));
  setOutput(ctx, 'plan-file', planFile);

  const url = runUrl(ctx.github);
  const location = url ? `[the job summary of this run](${url})` : 'the job summary of this run';
  const comment = renderPlan('markdown', { plan, color: false, toolVersion: tool.version, maxLength: PLAN_COMMENT_MAX, fullPlanLocation: location });
  return (await postPlanComment(ctx, comment)) ? 0 : 1;
}

/**
 * The markdown for the job summary, cut (at a resource boundary) so its UTF-8 size stays under
 * GitHub's limit; the whole plan is then in the log, as text.
 */
export function summaryMarkdown(plan: Plan, toolVersion: string, maxBytes = SUMMARY_MAX_BYTES): string {
  let maxLength = maxBytes;
  for (;;) {
    const md = renderPlan('markdown', { plan, color: false, toolVersion, maxLength, fullPlanLocation: 'the log of this step (as text)' });
    const bytes = Buffer.byteLength(md, 'utf8');
    if (bytes <= maxBytes || maxLength < 1_000) return md;
    maxLength = Math.floor((maxLength * maxBytes) / bytes) - 100;
  }
}
