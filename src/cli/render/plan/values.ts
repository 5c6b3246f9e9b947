import { maskText } from '../../../api/redact.js';

/** How many characters of a value a plan line shows before cutting it with "…". */
export const MAX_VALUE_CHARS = 80;

/** How many items of a list change are named before "… and N more". */
export const MAX_LIST_ITEMS = 10;

/**
 * A value as one short line, never a dump: strings are quoted (JSON escapes keep control
 * characters visible), a multi-line string (a `system` prompt) shows its first line and how many
 * lines it has, long strings are cut with "…", and objects or lists that do not fit in a line are
 * summarised by size. Whatever looks like an API key is masked, as a last line of defence (the
 * plan never carries Secret values, but a label or a prompt could hold a pasted key).
 */
export function formatValue(value: unknown, max = MAX_VALUE_CHARS): string {
  return maskText(formatUnmasked(value, max));
}

function formatUnmasked(value: unknown, max: number): string {
  if (value === undefined) return '(none)';
  if (typeof value === 'string') return formatString(value, max);
  if (value === null || typeof value !== 'object') return String(value);
  const compact = JSON.stringify(value);
  if (compact.length <= max) return compact;
  if (Array.isArray(value)) return `[… ${plural(value.length, 'item')}]`;
  return `{… ${plural(Object.keys(value).length, 'key')}}`;
}

function formatString(value: string, max: number): string {
  const lines = splitLines(value);
  const first = cut(lines[0] ?? '', max);
  return lines.length > 1 ? `${JSON.stringify(first)} (${lines.length} lines)` : JSON.stringify(first);
}

function cut(text: string, max: number): string {
  return text.length > max ? text.slice(0, Math.max(1, max - 1)) + '…' : text;
}

/**
 * `before → after` for an updated value. Two long strings that share a beginning (an image tag,
 * a JSON blob) would look identical once cut, so they are shown from shortly before where they
 * first differ; two multi-line strings (prompts) show the first line that differs.
 */
export function formatChange(before: unknown, after: unknown, max = MAX_VALUE_CHARS): string {
  if (typeof before === 'string' && typeof after === 'string') {
    const b = splitLines(before);
    const a = splitLines(after);
    if (b.length > 1 || a.length > 1) {
      const k = firstDifference(b, a);
      if (k > 0) {
        const at = (lines: string[]) => (k < lines.length ? formatString(lines[k] ?? '', max) : '(none)');
        return maskText(`line ${k + 1}: ${at(b)} → ${at(a)} (${b.length} → ${a.length} lines)`);
      }
    } else if (before.length > max || after.length > max) {
      const p = commonPrefixLength(before, after);
      const from = p > max / 2 ? p - Math.floor(max / 4) : 0;
      if (from > 0) return maskText(`${elided(before, from, max)} → ${elided(after, from, max)}`);
    }
  }
  return `${formatValue(before, max)} → ${formatValue(after, max)}`;
}

function splitLines(value: string): string[] {
  const lines = value.replace(/\r\n?/g, '\n').split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function firstDifference(a: readonly string[], b: readonly string[]): number {
  let k = 0;
  while (k < a.length && k < b.length && a[k] === b[k]) k++;
  return k;
}

function commonPrefixLength(a: string, b: string): number {
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  return p;
}

/** A string shown from `from` on, with "…" where the start was left out. */
function elided(value: string, from: number, max: number): string {
  return JSON.stringify('…' + cut(value.slice(from), max - 1));
}

/** "1 item", "3 items": counts in plan text. */
export function plural(n: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : pluralNoun}`;
}

/**
 * Up to MAX_LIST_ITEMS formatted items, then "… and N more", so a list of 500 models added at
 * once still fits on a screen.
 */
export function formatItems(items: readonly unknown[], limit = MAX_LIST_ITEMS): { shown: string[]; more: number } {
  return { shown: items.slice(0, limit).map((v) => formatValue(v)), more: Math.max(0, items.length - limit) };
}
