/**
 * The one table of credential formats: prefixes of the providers pai fronts, plus pai's own
 * credentials. It is only a net for text outside known positions (a key pasted into a label or a
 * prompt): secret values are found by their position (resources/sensitive-fields.ts), whatever
 * they look like. `prefix` is what every match starts with, for cheap pre-filters.
 */
const CREDENTIAL_FORMATS: ReadonlyArray<{ name: string; prefix: string; pattern: RegExp }> = [
  { name: 'an Anthropic API key', prefix: 'sk-', pattern: /sk-ant-[A-Za-z0-9_-]{8,}/ },
  { name: 'an OpenAI-style API key', prefix: 'sk-', pattern: /sk-(?:proj-|svcacct-|or-v1-)?[A-Za-z0-9_-]{16,}/ },
  { name: 'an NVIDIA API key', prefix: 'nvapi-', pattern: /nvapi-[A-Za-z0-9_-]{16,}/ },
  { name: 'a pai access key', prefix: 'pak_', pattern: /pak_[A-Za-z0-9_-]{8,}/ },
  { name: 'a pai admin token', prefix: 'pai_tok_', pattern: /pai_tok_[A-Za-z0-9_-]{8,}/ },
  { name: 'a Google API key', prefix: 'AIza', pattern: /AIza[0-9A-Za-z_-]{30,}/ },
  { name: 'a GitHub token', prefix: 'gh[pousr]_', pattern: /gh[pousr]_[A-Za-z0-9]{20,}/ },
];

/** Matches wherever some credential format could start: a cheap test before detectApiKey. */
export const CREDENTIAL_PREFIX = new RegExp([...new Set(CREDENTIAL_FORMATS.map((f) => f.prefix))].join('|'));

/** Names the kind of credential a string contains, or undefined when it looks like none. */
export function detectApiKey(value: string): string | undefined {
  for (const { name, pattern } of CREDENTIAL_FORMATS) if (pattern.test(value)) return name;
  return undefined;
}

/** A value quoted for a message — unless it looks like a credential, which is never shown. */
export function quoteForMessage(value: unknown, max = 60): string {
  if (typeof value === 'string') {
    if (detectApiKey(value)) return '(a value that looks like a credential, not shown)';
    return JSON.stringify(value.length > max ? value.slice(0, max - 3) + '...' : value);
  }
  const text = JSON.stringify(value) ?? String(value);
  if (detectApiKey(text)) return '(a value that looks like a credential, not shown)';
  return text.length > max ? text.slice(0, max - 3) + '...' : text;
}

/**
 * Values shorter than this are not searched for inside text: replacing "1" or "ab" everywhere
 * would garble messages. Where they sit is still masked by position (messages, source excerpts).
 */
export const MIN_MASKED_LENGTH = 4;

/** What a sensitive value is replaced with wherever it would have been shown. */
export const MASKED = '(secret)';

/**
 * The one mask every output of diagnostics, plans, API errors and logs goes through:
 * - each of `sensitive` (values known to be secret by their position, whatever they look like)
 *   is replaced by MASKED wherever it occurs, longest first so overlapping ones vanish;
 * - as a last net for text outside known positions, each run of `[A-Za-z0-9_-]` that looks like
 *   a credential is replaced by as many `*` (every format above is made of those characters, and
 *   keeping the length keeps a caret under a masked source line in place).
 */
export function maskText(text: string, sensitive: Iterable<string> = []): string {
  let out = text;
  for (const value of searchable(sensitive)) if (out.includes(value)) out = out.split(value).join(MASKED);
  if (!CREDENTIAL_PREFIX.test(out)) return out;
  return out.replace(/[A-Za-z0-9_-]+/g, (run) => (detectApiKey(run) ? '*'.repeat(run.length) : run));
}

/** Prepared search lists of the (unchanging) arrays renderers pass for every message. */
const prepared = new WeakMap<readonly string[], string[]>();

/**
 * What to search for: each value as it is, as it reads quoted in JSON (a message quoting a
 * multi-line value shows `\n`), and each line of a multi-line value on its own; longest first.
 */
function searchable(sensitive: Iterable<string>): string[] {
  const cached = Array.isArray(sensitive) ? prepared.get(sensitive) : undefined;
  if (cached) return cached;
  const out = new Set<string>();
  for (const value of sensitive) {
    out.add(value);
    out.add(JSON.stringify(value).slice(1, -1));
    if (/[\r\n]/.test(value)) for (const line of value.split(/\r?\n|\r/)) out.add(line.trim());
  }
  const list = [...out].filter((v) => v.length >= MIN_MASKED_LENGTH).sort((a, b) => b.length - a.length);
  if (Array.isArray(sensitive)) prepared.set(sensitive, list);
  return list;
}

/** `maskText` applied to every string (and key) inside a JSON-like value: error bodies, `--json` payloads. */
export function maskTextDeep<T>(value: T, sensitive: Iterable<string> = []): T {
  const values = [...sensitive];
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return maskText(v, values);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [maskText(k, values), walk(x)]));
    return v;
  };
  return walk(value) as T;
}
