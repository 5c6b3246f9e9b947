import type { Diagnostic } from '../../../api/diagnostic.js';
import type { RenderInput } from './types.js';
import { messageWithHint, problemSummary } from './wording.js';

/**
 * Escapes the message part of a workflow command (after `::`), as @actions/core does:
 * `%` first (so the escapes themselves survive), then CR and LF, which would end the command.
 */
export function escapeGithubData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value (`file=…,title=…`): as data, plus `:` and `,`, the delimiters. */
export function escapeGithubProperty(value: string): string {
  return escapeGithubData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * GitHub Actions workflow commands, one line per diagnostic, which the runner turns into
 * annotations on the pull request:
 *
 *   ::error file=config/agents.yaml,line=12,col=9,endLine=12,endColumn=34,title=pai unknown-model::model … (did you mean …?)
 *
 * Columns are sent only for single-line ranges: the runner rejects col/endColumn when line and
 * endLine differ. GitHub's endColumn is the last annotated column (inclusive, like endLine),
 * whereas ours is one past it. Diagnostics without a range carry only a title. A plain summary
 * line closes the output so the job log says what was checked even when nothing was found.
 */
export function renderGithub(input: RenderInput): string {
  const lines = input.diagnostics.map((d) => annotation(d, input.sensitiveValues));
  lines.push(`pai: ${problemSummary(input).text}`);
  return lines.join('\n') + '\n';
}

function annotation(d: Diagnostic, sensitiveValues: readonly string[] | undefined): string {
  const props: Array<[string, string | number]> = [];
  const r = d.range;
  if (r) {
    // A range that stops at column 1 of a later line ends, in effect, on the line before.
    const endLine = r.endLine > r.line && r.endColumn <= 1 ? r.endLine - 1 : Math.max(r.endLine, r.line);
    props.push(['file', r.file], ['line', r.line]);
    if (endLine === r.line) props.push(['col', r.column], ['endLine', endLine], ['endColumn', Math.max(r.column, r.endColumn - 1)]);
    else props.push(['endLine', endLine]);
  }
  props.push(['title', `pai ${d.code}`]);
  const properties = props.map(([k, v]) => `${k}=${escapeGithubProperty(String(v))}`).join(',');
  return `::${d.severity} ${properties}::${escapeGithubData(messageWithHint(d, sensitiveValues))}`;
}
