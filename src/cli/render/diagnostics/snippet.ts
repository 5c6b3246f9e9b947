import type { SourceRange } from '../../../api/diagnostic.js';
import { MASKED, maskText } from '../../../api/redact.js';
import { sanitizeForTerminal, type TextStyle } from './style.js';
import type { SourceLine } from './types.js';

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
  sourceLine: SourceLine | string | undefined,
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
 *
 * Secret values on the line (its `masked` spans) are replaced by a placeholder, and the range's
 * columns are moved with them: a caret under a secret value underlines the placeholder.
 */
export function underline(sourceLine: SourceLine | string, range: SourceRange): { text: string; caretOffset: number; caretLength: number } {
  const { text, masked } = typeof sourceLine === 'string' ? { text: sourceLine, masked: [] } : sourceLine;
  // Masked first, as a whole: a key cut in two by the range might no longer be recognised.
  const { line, toMasked } = maskSpans(maskText(text), masked);
  const start = clamp(toMasked(range.column - 1, 'start'), 0, line.length);
  const end = range.endLine === range.line ? clamp(toMasked(range.endColumn - 1, 'end'), start, line.length) : line.length;
  const before = displayText(line.slice(0, start));
  const spanned = displayText(line.slice(start, end));
  return { text: displayText(line).trimEnd(), caretOffset: before.length, caretLength: Math.max(1, spanned.length) };
}

/**
 * The line with each span replaced by MASKED, and a function moving a column of the original
 * line to the masked one: a column inside a span goes to the placeholder's start (for a start)
 * or end (for an end), so an underline never reveals where inside a value it began.
 */
function maskSpans(text: string, spans: ReadonlyArray<readonly [number, number]>): { line: string; toMasked: (column: number, side: 'start' | 'end') => number } {
  const sorted = spans.filter(([a, b]) => b > a && a < text.length).sort((x, y) => x[0] - y[0]);
  if (sorted.length === 0) return { line: text, toMasked: (column) => column };
  let line = '';
  let from = 0;
  const placed: Array<{ start: number; end: number; at: number }> = [];
  for (const [a, b] of sorted) {
    const start = Math.max(a, from);
    const end = Math.min(b, text.length);
    if (end <= start) continue;
    line += text.slice(from, start);
    placed.push({ start, end, at: line.length });
    line += MASKED;
    from = end;
  }
  line += text.slice(from);
  const toMasked = (column: number, side: 'start' | 'end'): number => {
    let shift = 0;
    for (const p of placed) {
      if (column <= p.start) break;
      if (column < p.end) return side === 'start' ? p.at : p.at + MASKED.length;
      shift = p.at + MASKED.length - p.end;
    }
    return column + shift;
  };
  return { line, toMasked };
}

/** A (masked) source fragment as printed: tabs as spaces, control characters neutralised. */
function displayText(fragment: string): string {
  return sanitizeForTerminal(fragment.replace(/\t/g, ' '.repeat(TAB_WIDTH)));
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}
