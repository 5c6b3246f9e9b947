import { appendSummary, fenced, tail, type ModeContext } from './mode-context.js';
import { errorCommand, redactSecrets, stripAnsi } from './workflow-commands.js';

/** How much of apply's output the job summary quotes (the log has all of it). */
const SUMMARY_OUTPUT_MAX = 60_000;

/**
 * `mode: apply` (on a push to main): `pai apply PATH --auto-approve [--prune]`, its output
 * streamed to the log and quoted in the job summary; the step fails with pai's exit code. A
 * failure mid-way is safe to retry: running apply again converges.
 */
export async function runApplyMode(ctx: ModeContext): Promise<number> {
  const { inputs } = ctx;
  const args = ['apply', inputs.path, '--auto-approve', ...(inputs.prune ? ['--prune'] : []), ...inputs.args];
  const { code, stdout, stderr } = await ctx.runPai(args, { stream: true });
  const output = redactSecrets(stripAnsi(stdout + (stderr ? `\n${stderr}` : '')), [inputs.token, inputs.githubToken]).trim();
  const title = code === 0 ? '### pai apply: done' : `### pai apply: failed (exit code ${code})`;
  appendSummary(ctx, `${title}\n\n${output ? fenced(tail(output, SUMMARY_OUTPUT_MAX)) : '(no output)\n'}`);
  if (code !== 0) ctx.io.write(errorCommand(`pai apply failed with exit code ${code}; see the output above. Running apply again converges.`));
  return code;
}
