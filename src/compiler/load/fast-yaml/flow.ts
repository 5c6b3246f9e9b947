import { MAX_DEPTH, bail } from './bail.js';
import type { Lines } from './lines.js';
import { cacheKey, cachedKey, checkNoDuplicateKeys } from './keys.js';
import { canStartPlain, isFlowIndicator, readDoubleQuoted, readSingleQuoted, resolvePlainScalar } from './scalars.js';

const SPACE = 0x20;
const COMMA = 0x2c;
const COLON = 0x3a;
const HASH = 0x23;

/**
 * Reads a flow collection (`[a, b]`, `{k: v}`, nested) that opens at `p` and closes on the same
 * line; sets `L.pos` past it. Multi-line flow, `? ` keys, single-pair maps in sequences and
 * comments inside are left to the yaml package.
 */
export function readFlowCollection(L: Lines, p: number, depth: number): unknown {
  if (depth > MAX_DEPTH) bail();
  return L.src.charCodeAt(p) === 0x5b ? readFlowSequence(L, p, depth) : readFlowMapping(L, p, depth);
}

function readFlowSequence(L: Lines, p: number, depth: number): unknown[] {
  const src = L.src;
  const items: unknown[] = [];
  let i = skipSpaces(L, p + 1);
  if (src.charCodeAt(i) === 0x5d) {
    L.pos = i + 1;
    L.span(p, L.pos);
    return items;
  }
  for (;;) {
    const rec = L.log.open(-1, -1);
    items.push(readFlowNode(L, i, depth));
    L.log.close(rec, L.spanStart, L.spanEnd);
    i = nextFlowItem(L, 0x5d);
    if (i < 0) {
      L.span(p, L.pos);
      return items;
    }
  }
}

function readFlowMapping(L: Lines, p: number, depth: number): Record<string, unknown> {
  const src = L.src;
  const map: Record<string, unknown> = {};
  let i = skipSpaces(L, p + 1);
  if (src.charCodeAt(i) === 0x7d) {
    L.pos = i + 1;
    L.span(p, L.pos);
    return map;
  }
  for (let entries = 1; ; entries++) {
    const quotedKey = src.charCodeAt(i) === 0x22 || src.charCodeAt(i) === 0x27;
    const key = readFlowScalar(L, i, true);
    if (typeof key !== 'string' || key === '<<') bail(); // `<<` would be a merge key
    const rec = L.log.open(i, L.spanEnd);
    i = skipSpaces(L, L.pos);
    if (src.charCodeAt(i) !== COLON) bail();
    // After a plain key, `:` needs a space; after a quoted ("JSON-like") key it may touch the value.
    if (!quotedKey && src.charCodeAt(i + 1) !== SPACE) bail();
    i = skipSpaces(L, i + 1);
    const c0 = src.charCodeAt(i);
    if (c0 === COMMA || c0 === 0x7d) bail(); // empty value
    map[key] = readFlowNode(L, i, depth);
    L.log.close(rec, L.spanStart, L.spanEnd);
    i = nextFlowItem(L, 0x7d);
    if (i < 0) {
      checkNoDuplicateKeys(map, entries);
      L.span(p, L.pos);
      return map;
    }
  }
}

/**
 * After an item of a flow collection that `close` (`]` or `}`) ends: returns where the next item
 * starts, past the `,` and spaces, or -1 when the collection ends there (a trailing comma
 * included), with `L.pos` past the closer.
 */
function nextFlowItem(L: Lines, close: number): number {
  let i = skipSpaces(L, L.pos);
  let c = L.src.charCodeAt(i);
  if (c === COMMA) {
    i = skipSpaces(L, i + 1);
    c = L.src.charCodeAt(i);
  } else if (c !== close) {
    bail();
  }
  if (c !== close) return i;
  L.pos = i + 1;
  return -1;
}

function readFlowNode(L: Lines, i: number, depth: number): unknown {
  if (i >= L.lineEnd) bail();
  const c = L.src.charCodeAt(i);
  if (c === 0x5b || c === 0x7b) return readFlowCollection(L, i, depth + 1);
  return readFlowScalar(L, i, false);
}

/** Characters that end or may end a plain scalar in a flow collection: `,[]{}`, `:` and space. */
const FLOW_PLAIN_SPECIAL = new Uint8Array(128);
for (const ch of ',[]{}: ') FLOW_PLAIN_SPECIAL[ch.charCodeAt(0)] = 1;

/**
 * A quoted or plain scalar inside a flow collection; sets `L.pos` past it. Plain mapping keys
 * (`asKey`) go through the key cache, like block mapping keys.
 */
function readFlowScalar(L: Lines, i: number, asKey: boolean): unknown {
  if (i >= L.lineEnd) bail();
  const src = L.src;
  const c = src.charCodeAt(i);
  if (c === 0x22 || c === 0x27) {
    const value = c === 0x22 ? readDoubleQuoted(L, i) : readSingleQuoted(L, i);
    L.span(i, L.pos);
    return value;
  }
  if (!canStartPlain(L, i, true)) bail();
  const end = L.lineEnd;
  let hash = c;
  let j = i + 1;
  for (; j < end; j++) {
    const ch = src.charCodeAt(j);
    if (ch < 128 && FLOW_PLAIN_SPECIAL[ch] === 1) {
      if (isFlowIndicator(ch)) break;
      if (ch === COLON) {
        const n = j + 1 < end ? src.charCodeAt(j + 1) : SPACE;
        if (n === SPACE || isFlowIndicator(n)) break;
      } else if (src.charCodeAt(j + 1) === HASH) {
        bail(); // a comment inside a flow collection: it must continue on another line
      }
    }
    hash = (Math.imul(hash, 31) + ch) | 0;
  }
  if (j >= end) bail(); // runs to the end of the line: multi-line flow
  L.pos = j;
  if (asKey && src.charCodeAt(j - 1) !== SPACE) {
    L.span(i, j);
    const cached = cachedKey(src, i, j, hash);
    if (cached !== undefined) return cached;
    const key = resolvePlainScalar(src.slice(i, j));
    if (typeof key === 'string') cacheKey(key, hash);
    return key;
  }
  let k = j;
  while (src.charCodeAt(k - 1) === SPACE) k--;
  L.span(i, k);
  return resolvePlainScalar(src.slice(i, k));
}

function skipSpaces(L: Lines, i: number): number {
  const src = L.src;
  while (i < L.lineEnd && src.charCodeAt(i) === SPACE) i++;
  return i;
}
