import { PLAN_COMMENT_MARKER } from '../render/plan/markdown.js';
import { runUrl } from './github-context.js';
import { fenced, tail, type ModeContext } from './mode-context.js';
import { GithubApiError, upsertStickyComment } from './sticky-comment.js';
import { errorCommand, warningCommand } from './workflow-commands.js';

/**
 * Posts or updates the pull request's plan comment. Returns false when that failed in a way
 * that should fail the step. A 403/404 (a fork's read-only token, missing `pull-requests:
 * write`) is only a warning: the plan itself is in the job summary and the log.
 */
export async function postPlanComment(ctx: ModeContext, body: string): Promise<boolean> {
  const { github, inputs, io } = ctx;
  if (github.pullRequestNumber === undefined) return true;
  if (!github.repository || !inputs.githubToken) {
    io.write(warningCommand('no github-token or GITHUB_REPOSITORY: the plan is not posted to the pull request'));
    return true;
  }
  try {
    const target = { apiUrl: github.apiUrl, repository: github.repository, issueNumber: github.pullRequestNumber, token: inputs.githubToken };
    const stamp = { run: github.runNumber ?? 0, attempt: github.runAttempt ?? 0, ...(github.headSha ? { sha: github.headSha } : {}) };
    const result = await upsertStickyComment(ctx.fetch, target, body, stamp);
    if (result.action === 'skipped') io.write(`pai: a newer run already posted its plan; this run's plan is in its job summary\n`);
    else io.write(`pai: plan comment ${result.action}${result.url ? `: ${result.url}` : ''}\n`);
    if (result.deleted > 0) io.write(`pai: deleted ${result.deleted} duplicate plan comment${result.deleted === 1 ? '' : 's'}\n`);
    return true;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof GithubApiError && (err.status === 403 || err.status === 404)) {
      io.write(warningCommand(message));
      return true;
    }
    io.write(errorCommand(`could not post the plan comment: ${message}`));
    return false;
  }
}

/**
 * The comment that replaces the plan when this run could not make one, so the pull request
 * never shows a plan for an older commit as if it were current.
 */
export function planFailureComment(ctx: ModeContext, what: string, output: string): string {
  const url = runUrl(ctx.github);
  const where = url ? `See [the log of this run](${url}).` : 'See the log of this run.';
  const quoted = output.trim() ? `\n${fenced(tail(output.trim(), 20_000))}` : '';
  return `${PLAN_COMMENT_MARKER}\n### pai plan: failed\n\n${what}\n${quoted}\n${where}\n`;
}
