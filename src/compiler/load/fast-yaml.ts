import { readDocument } from './fast-yaml/block.js';
import { Lines } from './fast-yaml/lines.js';
import { NO_POSITIONS, PositionLog, type NodePositions, type PositionSink } from './fast-yaml/positions.js';

/**
 * Characters the fast path never interprets: tabs (indentation or separation — yaml has rules
 * for both), other control characters, a BOM past the start, a lone CR, and the Unicode line and
 * paragraph separators. Their presence anywhere sends the whole file to the yaml package.
 */
const UNSUPPORTED_CHARACTERS = /[\t\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/g;
/** A CR that does not start a CRLF; only searched for when the text has a CR at all. */
const LONE_CR = /\r(?!\n)/;

/**
 * Parses all documents of a YAML stream when it stays within the fast subset; null means "not
 * sure — use the yaml package".
 *
 * Why: the yaml package builds a full CST and AST with positions, which costs ~1.5 s for 10,000
 * manifests; almost all manifests use a small, plain subset of YAML that a single pass over the
 * lines can read in a few milliseconds. Whenever this returns non-null, the result is deep-equal
 * to `parseAllDocuments(text).map((d) => d.toJS())` (YAML 1.2 core schema) and that parse has no
 * errors or warnings. Anything else — anchors, tags, multi-line plain or quoted scalars, `?` keys,
 * non-string keys, duplicate keys, tabs, directives, `...` — answers null. Never throws; linear time.
 */
export function parseFastYaml(text: string): unknown[] | null {
  try {
    return readStream(text, NO_POSITIONS, []);
  } catch {
    return null; // BAIL, or a bug: either way the yaml package gives the right answer
  }
}

/** A stream read by the fast parser: its documents, and where each node of them is. */
export interface FastParse {
  documents: unknown[];
  positions: NodePositions;
}

/** Where the position records of every file go (a pool; see PositionLog). */
const positionLog = new PositionLog(1 << 16);

/**
 * `parseFastYaml`, also returning the positions of the nodes (see fast-yaml/positions.ts): for a
 * file that has something to locate (parsing every file this way costs a quarter more).
 */
export function parseFastYamlLocated(text: string): FastParse | null {
  positionLog.reset();
  try {
    const roots: number[] = [];
    const documents = readStream(text, positionLog, roots);
    return documents ? { documents, positions: positionLog.snapshot(roots) } : null;
  } catch {
    return null; // BAIL, or a bug: either way the yaml package gives the right answer
  }
}

function readStream(text: string, log: PositionSink, roots: number[]): unknown[] | null {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  // The yaml package counts a BOM as part of the first line: it then misreads an indented first
  // line or a first `- ` entry (an error or different nesting). Leave those to it.
  if (start === 1 && (text.charCodeAt(1) === 0x20 || (text.charCodeAt(1) === 0x2d && !text.startsWith('---', 1)))) return null;
  UNSUPPORTED_CHARACTERS.lastIndex = start;
  if (UNSUPPORTED_CHARACTERS.test(text)) return null;
  if (text.indexOf('\r') >= 0 && LONE_CR.test(text)) return null;
  const L = new Lines(text, start, log);
  const documents: unknown[] = [];
  L.skipToContent();
  if (L.eof) return documents; // empty, or comments only: no document at all
  if (!L.marker) {
    roots.push(log.records);
    documents.push(readDocument(L));
  }
  while (!L.eof) {
    // L is on a `---` line; only a comment may follow the marker.
    let i = L.lineStart + 3;
    while (i < L.lineEnd && text.charCodeAt(i) === 0x20) i++;
    if (i < L.lineEnd && text.charCodeAt(i) !== 0x23) return null;
    L.advance();
    roots.push(log.records);
    documents.push(readDocument(L));
  }
  return documents;
}
