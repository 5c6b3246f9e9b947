import { bail } from './bail.js';
import type { Lines } from './lines.js';

const SPACE = 0x20;
const HASH = 0x23;

/**
 * Reads a block scalar (`|`, `>`, with `-`/`+` chomping) whose header is at `q` on the current
 * line, where `parentIndent` is the indentation its content must exceed. Leaves `L` on the next
 * content line. Left to the yaml package: explicit indentation indicators, an empty body,
 * whitespace-only lines longer than the content indentation (they are content, not blank),
 * and folded scalars with more-indented lines (they keep their line breaks).
 */
export function readBlockScalar(L: Lines, q: number, parentIndent: number): string {
  const src = L.src;
  const folded = src.charCodeAt(q) === 0x3e;
  let i = q + 1;
  const chomp = src.charCodeAt(i);
  const strip = chomp === 0x2d;
  const keep = chomp === 0x2b;
  if (strip || keep) i++;
  if (i < L.lineEnd) {
    if (src.charCodeAt(i) !== SPACE) bail();
    while (i < L.lineEnd && src.charCodeAt(i) === SPACE) i++;
    if (i < L.lineEnd && src.charCodeAt(i) !== HASH) bail();
  }
  L.advance();

  let indent = -1;
  let text = '';
  let blankRun = 0;
  let longestLeadingBlank = 0;
  while (!L.atEnd) {
    const width = L.lineEnd - L.lineStart;
    if (L.indent === width) {
      // Whitespace only: an empty line, unless it reaches past the content indentation.
      if (indent < 0) longestLeadingBlank = Math.max(longestLeadingBlank, width);
      else if (width > indent) bail();
      // yaml ignores a last line that has no line break when it keeps trailing newlines.
      if (L.hasLineBreak) blankRun++;
      L.advance();
      continue;
    }
    if (indent < 0) {
      if (L.indent <= parentIndent) break;
      indent = L.indent;
      if (longestLeadingBlank > indent) bail();
      text = '\n'.repeat(blankRun);
    } else {
      if (L.indent < indent) break;
      if (folded) text += blankRun === 0 ? ' ' : '\n'.repeat(blankRun);
      else text += '\n'.repeat(blankRun + 1);
    }
    if (folded && L.indent > indent) bail();
    text += src.slice(L.lineStart + indent, L.lineEnd);
    blankRun = 0;
    L.advance();
  }
  if (indent < 0) bail();
  if (!strip) text += keep ? '\n'.repeat(blankRun + 1) : '\n';
  L.skipToContent();
  return text;
}
