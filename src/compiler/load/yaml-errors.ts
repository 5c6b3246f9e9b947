import type { YAMLError } from 'yaml';
import type { Diagnostic } from '../../api/diagnostic.js';
import type { DiagnosticCode } from '../../api/diagnostic-codes.js';
import type { SourceFile } from './source-file.js';

/** yaml's codes for a block that is indented wrongly; it reports each line that follows, too. */
const INDENTATION_CODES = new Set(['BAD_INDENT', 'BLOCK_AS_IMPLICIT_KEY', 'MULTILINE_IMPLICIT_KEY']);

/**
 * Turns the yaml package's errors for one document into diagnostics, one per cause: after the
 * first structural error yaml reports every later line it can no longer place (a key moved to
 * column 0 gives one error per following key), so only the first is kept, and moved to the line
 * that is wrong — an unclosed `[`/`{` to where it opened, a mis-indented key to that key. Duplicate
 * keys are independent of each other and all kept.
 */
export function yamlErrorDiagnostics(source: SourceFile, errors: readonly YAMLError[], documentStart: number): Diagnostic[] {
  const out: Diagnostic[] = [];
  let structural = false;
  for (const e of errors) {
    if (e.code === 'DUPLICATE_KEY') {
      out.push(yamlProblem(source, 'yaml-duplicate-key', `key ${keyAt(source.text, e.pos[0])} appears twice in this mapping`, e.pos[0], e.pos[1], 'remove or rename one of the two keys'));
      continue;
    }
    if (structural) continue;
    structural = true;
    out.push(explain(source, e, documentStart));
  }
  return out;
}

function explain(source: SourceFile, e: YAMLError, documentStart: number): Diagnostic {
  if (e.code === 'TAB_AS_INDENT') return yamlProblem(source, 'yaml-tab-indent', firstLine(e.message), e.pos[0], e.pos[1], 'indent with spaces; YAML does not allow tabs for indentation');
  const lines = contentLines(source.text, documentStart, e.pos[0]);
  const opener = unclosedFlow(source.text, lines);
  if (opener) {
    const kind = source.text[opener] === '[' ? 'flow sequence `[`' : 'flow mapping `{`';
    const close = source.text[opener] === '[' ? ']' : '}';
    const at = source.rangeOf(e.pos[0], e.pos[0] + 1);
    return yamlProblem(source, 'yaml-syntax', `the ${kind} opened here is not closed (yaml is still inside it at line ${at.line})`, opener, opener + 1, `close it with \`${close}\` on the same line`);
  }
  if (INDENTATION_CODES.has(e.code)) {
    const wrong = misindentedLine(lines);
    if (wrong) return yamlProblem(source, 'yaml-syntax', wrong.message, wrong.line.start + wrong.line.indent, wrong.line.end, wrong.hint);
  }
  return yamlProblem(source, 'yaml-syntax', firstLine(e.message), e.pos[0], e.pos[1]);
}

/** A line with content (not blank, not only a comment), outside block scalars. */
interface ContentLine {
  start: number;
  end: number;
  indent: number;
  /** The text after the indentation, without a trailing comment. */
  content: string;
}

/**
 * The content lines of a document from `from` up to the line after the one holding `until`
 * (where yaml noticed the problem; the cause is there or above). Block scalar bodies are
 * skipped: they are text, not structure.
 */
function contentLines(text: string, from: number, until: number): ContentLine[] {
  const out: ContentLine[] = [];
  let blockScalarIndent = -1;
  let afterUntil = false;
  for (let start = text.lastIndexOf('\n', from - 1) + 1; start < text.length; ) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    const raw = text.slice(start, end).replace(/\r$/, '');
    const indent = raw.length - raw.trimStart().length;
    const content = stripComment(raw.trimStart()).trimEnd();
    if (content !== '' && !(blockScalarIndent >= 0 && indent > blockScalarIndent)) {
      if (content === '---' || content.startsWith('--- ') || content === '...') {
        if (out.length > 0) break;
      } else {
        blockScalarIndent = /(^|[:\-]\s+)[|>][-+0-9]*$/.test(content) ? indent : -1;
        out.push({ start, end: start + raw.length, indent, content });
        if (afterUntil) break;
      }
    }
    if (end >= until) afterUntil = true;
    start = end + 1;
  }
  return out;
}

/**
 * The innermost `[` or `{` still open where yaml gave up, as an offset; quoted scalars and
 * comments are skipped. Undefined when every flow collection closed.
 */
function unclosedFlow(text: string, lines: ContentLine[]): number | undefined {
  const open: number[] = [];
  for (const line of lines) {
    const s = line.content;
    for (let i = 0; i < s.length; i++) {
      const c = s[i];
      if (c === '"' || c === "'") {
        // A quote starts a scalar only at the start of a token.
        if (i > 0 && !/[\s,[{:-]/.test(s[i - 1]!)) continue;
        const close = c === '"' ? /(?<!\\)"/g : /'/g;
        close.lastIndex = i + 1;
        const m = close.exec(s);
        if (!m) break;
        i = m.index;
      } else if (c === '[' || c === '{') {
        // Outside flow collections a bracket opens one only where a value starts (`key: [`, `- {`);
        // elsewhere it is part of a plain scalar (`see [docs`).
        if (open.length === 0 && !/^(|.*:|(-\s*)+)$/.test(s.slice(0, i).trimEnd())) continue;
        open.push(line.start + line.indent + i);
      } else if ((c === ']' || c === '}') && open.length > 0) {
        open.pop();
      }
    }
  }
  return open.length > 0 ? open[open.length - 1] : undefined;
}

/**
 * Finds the line whose indentation breaks the block structure, by keeping the columns of the
 * enclosing blocks: a line more indented than a line that takes no nested block is wrong itself
 * — unless that line is the one moved out: it left the keys it lined up with, or it left empty
 * the block a `key:` just above it opened; a line that lines up with no enclosing block is wrong.
 */
function misindentedLine(lines: ContentLine[]): { line: ContentLine; message: string; hint: string } | undefined {
  const levels: number[] = [];
  let prev: { line: ContentLine; opens: boolean; popped: number[] } | undefined;
  let before: { line: ContentLine; opens: boolean } | undefined;
  for (const line of lines) {
    const i = line.indent;
    let popped: number[] = [];
    if (prev && i > prev.line.indent && !prev.opens) {
      const leftEmptyBlock = before?.opens === true && before.line.indent < i && prev.line.indent <= before.line.indent;
      if (prev.popped.includes(i) || leftEmptyBlock) {
        return {
          line: prev.line,
          message: `${describeLine(prev.line)} starts at column ${prev.line.indent + 1}, but the lines around it are at column ${i + 1}`,
          hint: `indent it to column ${i + 1}; the more indented lines after it cannot belong to it`,
        };
      }
      return { line, message: `${describeLine(line)} is indented more than the line above, which takes no nested block`, hint: 'line it up with the keys around it, or end the line above with ":"' };
    }
    if (!prev || i > prev.line.indent) {
      levels.push(i);
    } else {
      while (levels.length > 0 && levels[levels.length - 1]! > i) popped.push(levels.pop()!);
      if (levels[levels.length - 1] !== i) {
        return { line, message: `${describeLine(line)} at column ${i + 1} lines up with no enclosing block`, hint: 'line it up with the keys of the mapping it belongs to' };
      }
    }
    // `- key: v` opens a mapping two columns further in.
    const entry = /^-\s+(?=\S)/.exec(line.content);
    if (entry && /^[^\s#][^#]*?:(\s|$)/.test(line.content.slice(entry[0].length))) {
      levels.push(i + entry[0].length);
      popped = popped.filter((p) => p !== i + entry[0].length);
    }
    before = prev;
    prev = { line, opens: /:$/.test(line.content) || line.content === '-', popped };
  }
  return undefined;
}

function describeLine(line: ContentLine): string {
  const key = /^(?:-\s+)?([^\s:#][^:#]*?):(\s|$)/.exec(line.content);
  return key ? `key "${key[1]}"` : 'this line';
}

/** The text before a ` #` comment (a `#` inside quotes is rare enough in keys to ignore here). */
function stripComment(s: string): string {
  if (s.startsWith('#')) return '';
  const hash = s.search(/\s#/);
  return hash === -1 ? s : s.slice(0, hash);
}

/** A load-stage diagnostic at an offset range of a file. */
export function yamlProblem(source: SourceFile, code: DiagnosticCode, message: string, start: number, end: number, hint?: string): Diagnostic {
  return { code, severity: 'error', message, range: source.rangeOf(start, Math.max(end, start + 1)), ...(hint ? { hint } : {}) };
}

/** The key text at an offset (up to its colon), quoted for a message. */
function keyAt(text: string, offset: number): string {
  const rest = text.slice(offset, offset + 200);
  const key = rest.split(/:(\s|$)/)[0]!.split('\n')[0]!.trim();
  return JSON.stringify(key);
}

/** The first line of a yaml error message, without its "at line N, column M" suffix. */
export function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '');
}
