import type { ApplyEvent } from '../../compiler/apply/events.js';
import { renderApplyEvent } from '../render/apply/index.js';
import { escapeGithubData, escapeGithubProperty } from '../render/diagnostics/github.js';
import { appendSummary, fenced, tail, type ModeContext } from './mode-context.js';
import { errorCommand, redactSecrets, stripAnsi } from './workflow-commands.js';

/** How much of apply's output the job summary quotes (the log has all of it). */
const SUMMARY_OUTPUT_MAX = 60_000;

/**
 * `mode: apply` (on a push to main): `pai apply PATH --auto-approve [--prune]` with its events as
 * JSON, which the action prints as text in the log and quotes in the job summary. A resource that
 * fails is annotated at the file and line that declare it; problems in the manifests are
 * annotated by pai itself (`--diagnostics-format github`). The step fails with pai's exit code.
 * A failure mid-way is safe to retry: running apply again converges.
 */
export async function runApplyMode(ctx: ModeContext): Promise<number> {
  const { inputs, io } = ctx;
  const args = ['apply', inputs.path, '--auto-approve', '--format', 'json', '--diagnostics-format', 'github', ...(inputs.prune ? ['--prune'] : []), ...inputs.args];
  const { code, stdout, stderr } = await ctx.runPai(args, { stream: false });
  if (stderr) io.write(stderr.endsWith('\n') ? stderr : stderr + '\n');
  let text = '';
  for (const line of stdout.split('\n')) {
    if (!line) continue;
    const event = applyEventOf(line);
    text += event ? renderApplyEvent('text', event) : line + '\n';
    if (event?.type === 'resource-failed' && event.source) io.write(failureAnnotation(event));
  }
  io.write(text);
  const output = redactSecrets(stripAnsi(text + (stderr ? `\n${stderr}` : '')), [inputs.token, inputs.githubToken]).trim();
  const title = code === 0 ? '### pai apply: done' : `### pai apply: failed (exit code ${code})`;
  appendSummary(ctx, `${title}\n\n${output ? fenced(tail(output, SUMMARY_OUTPUT_MAX)) : '(no output)\n'}`);
  if (code !== 0) io.write(errorCommand(`pai apply failed with exit code ${code}; see the output above. Running apply again converges.`));
  return code;
}

/** One line of `pai apply --format json`, or undefined when the line is not an event. */
function applyEventOf(line: string): ApplyEvent | undefined {
  try {
    const value = JSON.parse(line) as { formatVersion?: unknown; type?: unknown };
    return value && value.formatVersion === 1 && typeof value.type === 'string' ? (value as unknown as ApplyEvent) : undefined;
  } catch {
    return undefined;
  }
}

function failureAnnotation(event: Extract<ApplyEvent, { type: 'resource-failed' }>): string {
  const { file, line } = event.source!;
  const what = `${event.key.kind} ${event.key.namespace}/${event.key.name} could not be ${event.action === 'create' ? 'created' : 'updated'}: ${event.message}`;
  return `::error file=${escapeGithubProperty(file)},line=${line},title=${escapeGithubProperty('pai apply')}::${escapeGithubData(event.hint ? `${what} (${event.hint})` : what)}\n`;
}
