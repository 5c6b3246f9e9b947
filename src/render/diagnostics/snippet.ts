import type { SourceRange } from '../../diagnostics/diagnostic.js';
import { maskCredentials } from './mask-credentials.js';
import { sanitizeForTerminal, type TextStyle } from './style.js';

/** How many spaces a tab in a source line is shown as (rustc's choice; editors vary anyway). */
export const TAB_WIDTH = 4;

/**
 * The lines under a diagnostic's header, rustc-style:
 *
 *     --> config/agents.yaml:12:9
 *      |
 *   12 |       - anthropic/claude-sonet-4-6
 *      |         ^^^^^^^^^^^^^^^^^^^^^^^^^^
 *
 * Without the source text (sourceLine unknown) only the arrow line is returned. `gutterWidth`
 * is the width of the line-number column, so the caller can align its own `= hint:` line;
 * `paintCarets` colours the underline like the header, so the eye pairs them.
 */
export function renderSnippet(
  range: SourceRange,
  sourceLine: string | undefined,
  style: TextStyle,
  paintCarets: (carets: string) => string = (c) => c,
): { lines: string[]; gutterWidth: number } {
  const gutterWidth = String(range.line).length;
  const pad = ' '.repeat(gutterWidth);
  const location = sanitizeForTerminal(`${range.file}:${range.line}:${range.column}`);
  const lines = [`${style.dim(`${pad}-->`)} ${location}`];
  if (sourceLine === undefined) return { lines, gutterWidth };
  const { text, caretOffset, caretLength } = underline(sourceLine, range);
  const bar = style.dim(`${pad} |`);
  lines.push(bar, `${style.dim(`${range.line} |`)}${text ? ' ' + text : ''}`, `${bar} ${' '.repeat(caretOffset)}${paintCarets('^'.repeat(caretLength))}`);
  return { lines, gutterWidth };
}

/**
 * Where the carets go under a source line, in display columns. Columns in a SourceRange count
 * UTF-16 code units (a tab is one column), so the line and the span before the carets are
 * expanded the same way, which keeps the carets under the right characters. The underline runs
 * from column to endColumn (exclusive) on the same line, or to the end of the line when the
 * range continues below; it is never empty, so a zero-width range or one past the end of the
 * line still shows one caret.
 */
export function underline(sourceLine: string, range: SourceRange): { text: string; caretOffset: number; caretLength: number } {
  // Masked first, as a whole: a key cut in two by the range might no longer be recognised.
  const line = maskCredentials(sourceLine);
  const start = clamp(range.column - 1, 0, line.length);
  const end = range.endLine === range.line ? clamp(range.endColumn - 1, start, line.length) : line.length;
  const before = displayText(line.slice(0, start));
  const spanned = displayText(line.slice(start, end));
  return { text: displayText(line).trimEnd(), caretOffset: before.length, caretLength: Math.max(1, spanned.length) };
}

/** A (masked) source fragment as printed: tabs as spaces, control characters neutralised. */
function displayText(fragment: string): string {
  return sanitizeForTerminal(fragment.replace(/\t/g, ' '.repeat(TAB_WIDTH)));
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}
