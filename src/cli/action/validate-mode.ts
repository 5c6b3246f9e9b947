import { appendSummary, type ModeContext } from './mode-context.js';
import { errorCommand } from './workflow-commands.js';

/**
 * `mode: validate`: `pai validate --format github`, whose workflow commands become annotations
 * on the files; the step fails with pai's exit code. Needs no control plane.
 */
export async function runValidateMode(ctx: ModeContext): Promise<number> {
  const { code, stdout } = await ctx.runPai(['validate', '--format', 'github', ctx.inputs.path, ...ctx.inputs.args], { stream: true });
  const summary = lastSummaryLine(stdout);
  appendSummary(ctx, `### pai validate: ${code === 0 ? 'passed' : 'failed'}\n\n${summary ?? `exit code ${code}`}\n`);
  if (code !== 0 && !summary) ctx.io.write(errorCommand(`pai validate failed with exit code ${code}`));
  return code;
}

/** `pai validate --format github` ends with a plain `pai: 2 errors in 14 files …` line. */
export function lastSummaryLine(stdout: string): string | undefined {
  const lines = stdout.split('\n').filter((l) => l.startsWith('pai: '));
  return lines.length > 0 ? (lines[lines.length - 1] as string).slice('pai: '.length) : undefined;
}
