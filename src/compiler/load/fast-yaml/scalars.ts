import { bail } from './bail.js';
import type { Lines } from './lines.js';

/** The value of a plain (unquoted) scalar, exactly as the yaml package's core schema resolves it. */
export function resolvePlainScalar(s: string): unknown {
  const c = s.charCodeAt(0);
  if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e) return resolveNumberLike(s);
  // Only ~, n, N, t, T, f, F (or nothing) can start a null or a boolean.
  if (!(c === 0x7e || c === 0x6e || c === 0x4e || c === 0x74 || c === 0x54 || c === 0x66 || c === 0x46 || s.length === 0)) return s;
  switch (s) {
    case '':
    case '~':
    case 'null':
    case 'Null':
    case 'NULL':
      return null;
    case 'true':
    case 'True':
    case 'TRUE':
      return true;
    case 'false':
    case 'False':
    case 'FALSE':
      return false;
    default:
      return s;
  }
}

/**
 * Numbers of the yaml package's YAML 1.2 core schema (node_modules/yaml/dist/schema/core/int.js,
 * float.js), recognised by hand because a regex per scalar is a measurable share of the budget:
 *   0o[0-7]+ | [-+]?[0-9]+ | 0x[0-9a-fA-F]+ | [-+]?.inf, .nan (3 spellings each)
 *   [-+]?(\.[0-9]+ | [0-9]+(\.[0-9]*)?)[eE][-+]?[0-9]+ | [-+]?(\.[0-9]+ | [0-9]+\.[0-9]*)
 * Each is converted with the same call as yaml's, so even precision loss on huge integers matches.
 */
function resolveNumberLike(s: string): unknown {
  const n = s.length;
  const c0 = s.charCodeAt(0);
  if (c0 === 0x30 && n > 2) {
    const radix = s.charCodeAt(1) === 0x6f ? 8 : s.charCodeAt(1) === 0x78 ? 16 : 0;
    if (radix !== 0) return allDigits(s, 2, radix) ? parseInt(s.substring(2), radix) : s;
  }
  let i = c0 === 0x2b || c0 === 0x2d ? 1 : 0;
  const intStart = i;
  while (i < n && isDecimal(s.charCodeAt(i))) i++;
  const intDigits = i - intStart;
  if (i === n) return intDigits > 0 ? parseInt(s, 10) : s;
  let fractionDigits = 0;
  if (s.charCodeAt(i) === 0x2e) {
    const fractionStart = ++i;
    while (i < n && isDecimal(s.charCodeAt(i))) i++;
    fractionDigits = i - fractionStart;
    if (intDigits === 0 && fractionDigits === 0) return resolveSpecialFloat(s);
    if (i === n) return parseFloat(s);
  } else if (intDigits === 0) {
    return s;
  }
  const e = s.charCodeAt(i);
  if (e !== 0x65 && e !== 0x45) return s;
  i++;
  if (s.charCodeAt(i) === 0x2b || s.charCodeAt(i) === 0x2d) i++;
  const expStart = i;
  while (i < n && isDecimal(s.charCodeAt(i))) i++;
  return i === n && i > expStart ? parseFloat(s) : s;
}

function resolveSpecialFloat(s: string): unknown {
  switch (s) {
    case '.nan':
    case '.NaN':
    case '.NAN':
      return NaN;
    case '.inf':
    case '.Inf':
    case '.INF':
    case '+.inf':
    case '+.Inf':
    case '+.INF':
      return Number.POSITIVE_INFINITY;
    case '-.inf':
    case '-.Inf':
    case '-.INF':
      return Number.NEGATIVE_INFINITY;
    default:
      return s;
  }
}

function isDecimal(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function allDigits(s: string, from: number, radix: 8 | 16): boolean {
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ok = radix === 8 ? c >= 0x30 && c <= 0x37 : isDecimal(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
    if (!ok) return false;
  }
  return true;
}

/**
 * Whether a plain scalar may start at `p`. Indicator characters cannot start one; `-` can when a
 * safe character follows. `?x` and `:x` are legal YAML but rare enough to leave to the yaml package.
 */
export function canStartPlain(L: Lines, p: number, inFlow: boolean): boolean {
  switch (L.src.charCodeAt(p)) {
    case 0x2d: {
      // -
      if (p + 1 >= L.lineEnd) return false;
      const n = L.src.charCodeAt(p + 1);
      if (n === 0x20 || n === 0x23) return false;
      return !(inFlow && isFlowIndicator(n));
    }
    case 0x3f: // ?
    case 0x3a: // :
    case 0x2c: // ,
    case 0x5b: // [
    case 0x5d: // ]
    case 0x7b: // {
    case 0x7d: // }
    case 0x23: // #
    case 0x26: // &
    case 0x2a: // *
    case 0x21: // !
    case 0x7c: // |
    case 0x3e: // >
    case 0x27: // '
    case 0x22: // "
    case 0x25: // %
    case 0x40: // @
    case 0x60: // `
      return false;
    default:
      return true;
  }
}

/** `,[]{}` */
export function isFlowIndicator(c: number): boolean {
  return c === 0x2c || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d;
}

/** Reads a `"double-quoted"` scalar that closes on this line; sets `L.pos` past the closing quote. */
export function readDoubleQuoted(L: Lines, q: number): string {
  const src = L.src;
  const end = L.lineEnd;
  let out = '';
  let from = q + 1;
  let i = from;
  while (i < end) {
    const c = src.charCodeAt(i);
    if (c === 0x22) {
      L.pos = i + 1;
      return out + src.slice(from, i);
    }
    if (c !== 0x5c) {
      i++;
      continue;
    }
    out += src.slice(from, i);
    if (i + 1 >= end) bail(); // a trailing `\` escapes the line break: multi-line
    const e = src.charCodeAt(i + 1);
    i += 2;
    switch (e) {
      case 0x5c: out += '\\'; break;
      case 0x22: out += '"'; break;
      case 0x2f: out += '/'; break;
      case 0x6e: out += '\n'; break;
      case 0x74: out += '\t'; break;
      case 0x72: out += '\r'; break;
      case 0x30: out += '\0'; break;
      case 0x75: out += String.fromCodePoint(readHex4(src, i, end)); i += 4; break;
      default: bail();
    }
    from = i;
  }
  return bail(); // not closed on this line
}

function readHex4(src: string, i: number, end: number): number {
  if (i + 4 > end) bail();
  let code = 0;
  for (let k = i; k < i + 4; k++) {
    const c = src.charCodeAt(k);
    const d = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : c >= 0x41 && c <= 0x46 ? c - 0x37 : -1;
    if (d < 0) bail();
    code = code * 16 + d;
  }
  return code;
}

/** Reads a `'single-quoted'` scalar (`''` is a quote) that closes on this line; sets `L.pos`. */
export function readSingleQuoted(L: Lines, q: number): string {
  const src = L.src;
  const end = L.lineEnd;
  let out = '';
  let from = q + 1;
  let i = src.indexOf("'", from);
  while (i >= 0 && i < end) {
    if (src.charCodeAt(i + 1) !== 0x27) {
      L.pos = i + 1;
      return out + src.slice(from, i);
    }
    out += src.slice(from, i + 1);
    from = i + 2;
    i = src.indexOf("'", from);
  }
  return bail();
}
