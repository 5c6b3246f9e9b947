import type { Diagnostic } from '../../../api/diagnostic.js';
import { maskText } from '../../../api/redact.js';
import { renderSnippet } from './snippet.js';
import { sanitizeForTerminal, textStyle, type TextStyle } from './style.js';
import type { RenderInput } from './types.js';
import { problemSummary } from './wording.js';

/**
 * The human format (the default of `pai validate`), modelled on rustc: a header with severity
 * and code, the location, the source line with a caret underline, the hint, and a final summary
 * line. Every piece of user-controlled text is sanitised so a manifest cannot drive the terminal,
 * and secret values are masked: by position in the quoted source line, and wherever a message
 * holds one (maskText).
 *
 *   error[unknown-model]: model "claude-sonet-4-6" is not in the anthropic catalogue
 *     --> config/agents.yaml:12:9
 *      |
 *   12 |       - anthropic/claude-sonet-4-6
 *      |         ^^^^^^^^^^^^^^^^^^^^^^^^^^
 *      = hint: did you mean "claude-sonnet-4-6"?
 *
 *   ✖ 1 error in 14 files (31 resources)
 */
export function renderText(input: RenderInput): string {
  const style = textStyle(input.color);
  const blocks = input.diagnostics.map((d) => renderOne(d, input, style).join('\n'));
  blocks.push(summaryLines(input, style).join('\n'));
  return blocks.join('\n\n') + '\n';
}

function renderOne(d: Diagnostic, input: RenderInput, style: TextStyle): string[] {
  const paint = d.severity === 'error' ? style.red : style.yellow;
  const [first = '', ...rest] = sanitizeForTerminal(maskText(d.message, input.sensitiveValues), true).split('\n');
  const lines = [`${paint(style.bold(`${d.severity}[${d.code}]`))}${style.bold(`: ${first}`)}`, ...rest.map((l) => `  ${l}`)];
  let gutterWidth = 1;
  if (d.range) {
    const source = input.sourceLine?.(d.range.file, d.range.line);
    const snippet = renderSnippet(d.range, source, style, paint);
    lines.push(...snippet.lines);
    gutterWidth = snippet.gutterWidth;
  }
  if (d.hint) {
    const pad = ' '.repeat(gutterWidth);
    const [hintFirst = '', ...hintRest] = sanitizeForTerminal(maskText(d.hint, input.sensitiveValues), true).split('\n');
    // Continuation lines align under the hint's first character.
    const indent = ' '.repeat(gutterWidth + ' = hint: '.length);
    lines.push(`${style.dim(`${pad} =`)} ${style.bold('hint:')} ${hintFirst}`, ...hintRest.map((l) => indent + l));
  }
  return lines;
}

/** "✖ 2 errors, 1 warning in 14 files (31 resources)", then the catalogue note when there is one. */
function summaryLines(input: RenderInput, style: TextStyle): string[] {
  const { errors, warnings, text } = problemSummary(input);
  const verdict = errors > 0 ? style.red(style.bold(`✖ ${text}`)) : warnings > 0 ? style.yellow(style.bold(`⚠ ${text}`)) : style.green(`✓ ${text}`);
  return input.catalogNote ? [verdict, style.dim(`  ${sanitizeForTerminal(input.catalogNote)}`)] : [verdict];
}
