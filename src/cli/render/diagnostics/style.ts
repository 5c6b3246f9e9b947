/**
 * ANSI styling for the text format. With colour off every function is the identity, so the
 * renderer is written once and golden files without colour contain no escape codes at all.
 * Each style closes with its own reset code (22 = normal intensity, 39 = default colour) rather
 * than a full reset, so styles nest.
 */
export interface TextStyle {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
}

const wrap =
  (open: number, close: number) =>
  (text: string): string =>
    text === '' ? '' : `\x1b[${open}m${text}\x1b[${close}m`;

const identity = (text: string): string => text;

const COLOURED: TextStyle = { bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39), yellow: wrap(33, 39), green: wrap(32, 39) };
const PLAIN: TextStyle = { bold: identity, dim: identity, red: identity, yellow: identity, green: identity };

/** The style set for `color` on or off. */
export function textStyle(color: boolean): TextStyle {
  return color ? COLOURED : PLAIN;
}

/**
 * Makes untrusted text safe to print on a terminal: control characters (ESC and the rest of
 * C0/C1, DEL) become U+FFFD so a crafted manifest cannot inject escape sequences through a
 * source line, a file name or a quoted value. One code unit stays one code unit, so columns
 * still line up. Newlines are kept only when `keepNewlines` (messages may span lines).
 */
export function sanitizeForTerminal(text: string, keepNewlines = false): string {
  if (keepNewlines) return text.replace(/\r\n?/g, '\n').replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/g, '\uFFFD');
  return text.replace(/[\x00-\x08\x0a-\x1f\x7f-\x9f]/g, '\uFFFD');
}
