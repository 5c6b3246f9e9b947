import { MAX_DEPTH, bail } from './bail.js';
import { readBlockScalar } from './block-scalar.js';
import { readFlowCollection } from './flow.js';
import { cacheKey, cachedKey, checkNoDuplicateKeys } from './keys.js';
import type { Lines } from './lines.js';
import { canStartPlain, readDoubleQuoted, readSingleQuoted, resolvePlainScalar } from './scalars.js';

const SPACE = 0x20;
const HASH = 0x23;
const COLON = 0x3a;
const DASH = 0x2d;
/** Longest implicit key the yaml package accepts is 1024 characters; stay clear of the limit. */
const MAX_KEY_LENGTH = 1000;
/** yaml merges `<<` keys only with the `merge` option; either way, not a manifest thing. */
const MERGE_KEY = '<<';
/** `parentIndent` value meaning "a block scalar may not start here". */
const NO_BLOCK_SCALAR = -2;

/**
 * Reads one document's content, starting on the line after its `---` (or at the stream's start).
 * Leaves `L` on the next document's `---` or at the end of the stream.
 */
export function readDocument(L: Lines): unknown {
  const root = L.log.open(-1, -1);
  L.skipToContent();
  let value: unknown = null;
  if (L.atEnd) {
    L.span(-1, -1);
  } else {
    value = readNode(L, L.contentStart, NO_BLOCK_SCALAR, 0, false);
    if (!L.atEnd) bail(); // content less indented than the root node, or other leftovers
  }
  L.log.close(root, L.spanStart, L.spanEnd);
  return value;
}

/**
 * Reads the node starting at `p` on the current line: a block sequence, a block mapping, or a
 * scalar/flow value that ends on this line. Its column is its indentation (compact nodes such as
 * `- key: v` start mid-line). Leaves `L` on the next content line.
 */
function readNode(L: Lines, p: number, blockScalarParent: number, depth: number, afterComment: boolean): unknown {
  if (depth > MAX_DEPTH) bail();
  if (isSequenceEntry(L, p)) return readSequence(L, p, depth + 1);
  const firstKey = readKey(L, p);
  if (firstKey !== undefined) return readMapping(L, p, firstKey, depth + 1);
  return readInlineValue(L, p, blockScalarParent, afterComment);
}

/** Reads a block mapping whose first key (at `p`) was just read by `readKey`. */
function readMapping(L: Lines, p: number, firstKey: string, depth: number): Record<string, unknown> {
  const start = p;
  const column = p - L.lineStart;
  const map: Record<string, unknown> = {};
  for (let entries = 1; ; entries++) {
    const key = entries === 1 ? firstKey : readKey(L, p);
    if (key === undefined) bail();
    const rec = L.log.open(p, trimEnd(L.src, p, L.pos - 1));
    map[key] = readEntryValue(L, L.pos, column, true, depth);
    L.log.close(rec, L.spanStart, L.spanEnd);
    if (L.atEnd || L.indent < column) {
      checkNoDuplicateKeys(map, entries);
      L.span(start, -1);
      return map;
    }
    if (L.indent > column) bail(); // e.g. a multi-line plain scalar
    p = L.contentStart;
  }
}

function readSequence(L: Lines, p: number, depth: number): unknown[] {
  const start = p;
  const column = p - L.lineStart;
  const items: unknown[] = [];
  for (;;) {
    const rec = L.log.open(-1, -1);
    items.push(readEntryValue(L, p + 1, column, false, depth));
    L.log.close(rec, L.spanStart, L.spanEnd);
    if (L.atEnd || L.indent < column) break;
    if (L.indent > column) bail();
    p = L.contentStart;
    // A non-entry line at our column belongs to a parent mapping at the same indentation.
    if (!isSequenceEntry(L, p)) break;
  }
  L.span(start, -1);
  return items;
}

/**
 * Reads what follows a mapping key's `:` or a sequence entry's `-` (at `q`): a value on the same
 * line, or a node on the following lines, indented deeper than the owner's `column`.
 */
function readEntryValue(L: Lines, q: number, column: number, isMapValue: boolean, depth: number): unknown {
  const src = L.src;
  while (q < L.lineEnd && src.charCodeAt(q) === SPACE) q++;
  if (q < L.lineEnd && src.charCodeAt(q) !== HASH) {
    // `key: - x` and `key: k: v` are errors; a sequence entry may hold a compact node.
    return isMapValue ? readInlineValue(L, q, column, false) : readNode(L, q, column, depth, false);
  }
  L.advance();
  const afterComment = L.skipToContent();
  L.span(-1, -1);
  if (L.atEnd) return null;
  if (L.indent > column) return readNode(L, L.contentStart, NO_BLOCK_SCALAR, depth, afterComment);
  // `key:` followed by `- item` lines at the key's own indentation.
  if (isMapValue && L.indent === column && isSequenceEntry(L, L.contentStart)) return readSequence(L, L.contentStart, depth + 1);
  return null;
}

/**
 * Reads a scalar or flow collection that must end on this line (or a block scalar, whose content
 * must be indented deeper than `blockScalarParent`). Leaves `L` on the next content line.
 * `afterComment`: the value sits on its own line below `key:` or `-` with comment lines between;
 * yaml then lets a plain scalar continue onto less-indented lines (`a:\n#c\n  x\nb: 1` is an
 * error there), so such plain scalars are left to it.
 */
function readInlineValue(L: Lines, q: number, blockScalarParent: number, afterComment: boolean): unknown {
  const src = L.src;
  const c = src.charCodeAt(q);
  let value: unknown;
  if (c === 0x7c || c === 0x3e) {
    if (blockScalarParent === NO_BLOCK_SCALAR) bail();
    // Located by its header line (`|`, `>-` …), where the renderer shows it.
    const header = trimEnd(src, q, L.lineEnd);
    const text = readBlockScalar(L, q, blockScalarParent);
    L.span(q, header);
    return text;
  } else if (c === 0x22) {
    value = readDoubleQuoted(L, q);
    L.span(q, L.pos);
  } else if (c === 0x27) {
    value = readSingleQuoted(L, q);
    L.span(q, L.pos);
  } else if (c === 0x5b || c === 0x7b) {
    value = readFlowCollection(L, q, 0);
    L.span(q, L.pos);
  } else {
    if (afterComment) bail();
    value = readPlainValue(L, q);
  }
  // Only spaces and a comment may follow on the line.
  let i = L.pos;
  const spaced = i < L.lineEnd && src.charCodeAt(i) === SPACE;
  while (i < L.lineEnd && src.charCodeAt(i) === SPACE) i++;
  if (i < L.lineEnd && !(spaced && src.charCodeAt(i) === HASH)) bail();
  L.advance();
  L.skipToContent();
  return value;
}

/** A single-line plain scalar in block context; `: ` inside it (`a: b: c`) is left to yaml. */
function readPlainValue(L: Lines, q: number): unknown {
  const src = L.src;
  if (!canStartPlain(L, q, false)) bail();
  const end = L.lineEnd;
  let j = q + 1;
  for (; j < end; j++) {
    const ch = src.charCodeAt(j);
    if (ch === COLON) {
      if (j + 1 === end || src.charCodeAt(j + 1) === SPACE) bail();
    } else if (ch === SPACE && src.charCodeAt(j + 1) === HASH) {
      break;
    }
  }
  L.pos = j;
  while (src.charCodeAt(j - 1) === SPACE) j--;
  L.span(q, j);
  return resolvePlainScalar(src.slice(q, j));
}

/** `end` moved back over the spaces before it (not before `start`). */
export function trimEnd(src: string, start: number, end: number): number {
  while (end > start && src.charCodeAt(end - 1) === SPACE) end--;
  return end;
}

/**
 * When the line at `p` is `key: ...` with a string key, returns the key and sets `L.pos` just past
 * the `:`; otherwise undefined. Keys that yaml would not turn into strings bail.
 */
function readKey(L: Lines, p: number): string | undefined {
  const src = L.src;
  const end = L.lineEnd;
  const c = src.charCodeAt(p);
  let key: string;
  let j: number;
  if (c === 0x22 || c === 0x27) {
    key = c === 0x22 ? readDoubleQuoted(L, p) : readSingleQuoted(L, p);
    j = L.pos;
    while (j < end && src.charCodeAt(j) === SPACE) j++;
    if (src.charCodeAt(j) !== COLON || (j + 1 < end && src.charCodeAt(j + 1) !== SPACE)) return undefined;
  } else {
    if (!canStartPlain(L, p, false)) return undefined;
    let hash = c;
    j = p + 1;
    for (;;) {
      if (j >= end) return undefined;
      const ch = src.charCodeAt(j);
      if (ch === COLON && (j + 1 === end || src.charCodeAt(j + 1) === SPACE)) break;
      if (ch === SPACE && src.charCodeAt(j + 1) === HASH) return undefined;
      hash = (Math.imul(hash, 31) + ch) | 0;
      j++;
    }
    const cached = src.charCodeAt(j - 1) === SPACE ? undefined : cachedKey(src, p, j, hash);
    if (cached !== undefined) {
      key = cached;
    } else {
      let k = j;
      while (src.charCodeAt(k - 1) === SPACE) k--;
      const resolved = resolvePlainScalar(src.slice(p, k));
      if (typeof resolved !== 'string' || resolved === MERGE_KEY) bail();
      key = resolved;
      if (k === j) cacheKey(key, hash);
    }
  }
  if (j - p > MAX_KEY_LENGTH) bail();
  L.pos = j + 1;
  return key;
}

function isSequenceEntry(L: Lines, p: number): boolean {
  return L.src.charCodeAt(p) === DASH && (p + 1 === L.lineEnd || L.src.charCodeAt(p + 1) === SPACE);
}
