/**
 * Seeded random YAML for the fast-yaml tests: documents built only from the fast subset (which
 * the fast path must answer), line soups of near-misses, and random edits of valid documents.
 */

/** The typical input: two manifests, as in the task that motivated the fast path. */
export const SAMPLE_MANIFESTS = `apiVersion: pai.io/v1
kind: Agent
metadata:
  name: agent-17
  namespace: team-a
spec:
  harness: default
  models: [anthropic/claude-sonnet-4-6, google/gemini-2.5-flash]
  providers: [github-writer]
  triggers: [{webhook: {}}]
  tokens: {maxPerDay: 1000000, maxPerRequest: 16000}
  rateLimits:
    maxRequestsPerMinute: 60
    maxConcurrentRequests: 4
    maxCostPerDayUSD: 20.0
  env:
    - name: LOG_LEVEL
      value: "debug"
    - name: TOKEN
      secretRef: {name: gh, key: token}
  system: |
    Review the pull request described in the task.
    Be concise.
---
apiVersion: pai.io/v1
kind: ModelProvider
metadata: {name: nim}
spec:
  provider: openai          # OpenAI-compatible host
  endpoint: https://integrate.api.nvidia.com/v1
  apiKeySecretRef: {name: nim-key, key: api-key}
  allowedModels: [meta/llama-3.1-70b-instruct]
  maxTokensPerDay: 5000000
  externalAccess: {enabled: true, maxTokensPerDay: 1000000}
`;

/** A small deterministic PRNG (mulberry32), so a failure reproduces from its seed. */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)]!;
  }
}

const KEYS = ['name', 'kind', 'apiVersion', 'spec', 'a', 'b', 'c', 'models', 'env', 'value', 'x-y', 'key with space', 'yes', 'on', 'a#b', 'a,b', 'web.hook/path', 'constructor', 'toString', '-x', 'é', '"quoted key"', "'single key'", '"a: b"', 'maxPerDay'];
/** Plain scalars that are valid in block context, including odd ones the schema must resolve. */
const PLAIN = ['hello', 'hello world', 'x', '1', '-0', '+1', '007', '0o17', '0o8', '0x1F', '0x1G', '1e3', '1.5E-3', '.5', '1.', '1_000', '.inf', '-.Inf', '+.INF', '.nan', '.NaN', '-.nan', '~', 'null', 'Null', 'NULL', 'nUll', 'true', 'True', 'FALSE', 'tRUE', 'yes', 'no', 'on', 'off', 'a#b', 'key:value', 'http://x.com:80/p#f', '12:30', 'x, y', 'a[0]', "it's", 'say "hi"', 'héllo', '日本語', '-x', '--x', '123456789012345678901234', '0.1', '-.5e+2', '1.e3', 'e3', '0x', '.', 'anthropic/claude-sonnet-4-6'];
/** Plain scalars that are also valid inside flow collections. */
const FLOW_PLAIN = ['a', 'b c', '1', '-2', '0x10', '.5', '.inf', 'null', 'true', '~', 'a:b', 'http://x.com', 'a#b', "it's", 'gemini-2.5-flash', '-x', 'é'];
const QUOTED = ["'it''s'", "''", "'#x'", "'x: y'", "'[a]'", '"a\\"b"', '""', '"\\u00e9\\n\\t\\\\"', '"x: y # z"', '"\\ud83d\\ude00"', '"1"', '"true"', '"null"', '"a,]}"'];
const COMMENT = ['# comment', '#', '# a: b', '#- x'];

/** Documents made only of fast-subset constructs: the fast path must answer them. */
export function validStream(rng: Random): string {
  const docs: string[] = [];
  const count = rng.int(1, 3);
  for (let d = 0; d < count; d++) {
    const body = rng.chance(0.5) ? emitMapping(rng, rng.chance(0.1) ? 2 : 0, 0) : emitSequence(rng, 0, 0);
    const marker = d > 0 || rng.chance(0.3) ? [rng.pick(['---', '--- # doc', '---  '])] : [];
    docs.push([...marker, ...(rng.chance(0.2) ? [rng.pick(COMMENT)] : []), ...body].join('\n'));
  }
  let text = docs.join('\n') + (rng.chance(0.8) ? '\n' : '');
  if (rng.chance(0.1)) text = text.replace(/\n/g, '\r\n');
  // yaml misreads a BOM followed by an indented line or a `- ` entry (the fast path falls back).
  if (rng.chance(0.05) && !/^(?: |-(?!--))/.test(text)) text = '\ufeff' + text;
  return text;
}

function emitMapping(rng: Random, indent: number, depth: number, firstPrefix?: string): string[] {
  const lines: string[] = [];
  const pad = ' '.repeat(indent);
  const keys = new Set<string>();
  const n = rng.int(1, 4);
  for (let i = 0; i < n; i++) {
    let key = rng.pick(KEYS);
    while (keys.has(unquote(key))) key = rng.pick(KEYS);
    keys.add(unquote(key));
    const head = (i === 0 && firstPrefix !== undefined ? firstPrefix : pad) + key + (rng.chance(0.05) ? '  ' : '') + ':';
    lines.push(...emitValue(rng, head, indent, depth, true));
    // Not deeper than the entries: after a block scalar a deeper line would be content.
    if (rng.chance(0.1)) lines.push(' '.repeat(rng.int(0, indent)) + rng.pick(COMMENT));
    if (rng.chance(0.05)) lines.push('');
  }
  return lines;
}

function unquote(key: string): string {
  return key.replace(/^["']|["']$/g, '');
}

function emitSequence(rng: Random, indent: number, depth: number, firstPrefix?: string): string[] {
  const lines: string[] = [];
  const pad = ' '.repeat(indent);
  const n = rng.int(1, 4);
  for (let i = 0; i < n; i++) {
    const head = (i === 0 && firstPrefix !== undefined ? firstPrefix : pad) + '-';
    lines.push(...emitValue(rng, head, indent, depth, false));
    // Not deeper than the entries: after a block scalar a deeper line would be content.
    if (rng.chance(0.1)) lines.push(' '.repeat(rng.int(0, indent)) + rng.pick(COMMENT));
  }
  return lines;
}

/** The value after `head` (`key:` or `-`), on the same line or on the following lines. */
function emitValue(rng: Random, head: string, indent: number, depth: number, isMapValue: boolean): string[] {
  const deeper = depth < 4;
  const kind = rng.int(0, deeper ? 9 : 4);
  const gap = ' '.repeat(rng.int(1, 3));
  const tail = rng.chance(0.1) ? '   ' : rng.chance(0.15) ? ' # note' : '';
  const child = indent + rng.int(1, 4);
  switch (kind) {
    case 0:
      return [`${head}${gap}${rng.pick(PLAIN)}${tail}`];
    case 1:
      return [`${head}${gap}${rng.pick(QUOTED)}${tail}`];
    case 2:
      return [`${head}${gap}${flow(rng, 0)}${tail}`];
    case 3:
      return [`${head}${rng.chance(0.5) ? tail : ''}`]; // empty value
    case 4:
      return blockScalar(rng, `${head}${gap}`, indent);
    case 5:
      return [head, ...emitMapping(rng, child, depth + 1)];
    case 6:
      return [head, ...emitSequence(rng, isMapValue && rng.chance(0.4) ? indent : child, depth + 1)];
    case 7: {
      // Compact: `- key: v` / `- - x` on the head's line.
      if (isMapValue) return [head, ...emitMapping(rng, child, depth + 1)];
      const prefix = `${head}${gap}`;
      return rng.chance(0.6) ? emitMapping(rng, prefix.length, depth + 1, prefix) : emitSequence(rng, prefix.length, depth + 1, prefix);
    }
    case 8:
      return [head, `${' '.repeat(child)}${rng.pick([...PLAIN, ...QUOTED])}`]; // value on its own line
    default:
      return [head, ...(rng.chance(0.5) ? [' '.repeat(rng.int(0, 6)) + rng.pick(COMMENT)] : []), ...emitMapping(rng, child, depth + 1)];
  }
}

function flow(rng: Random, depth: number): string {
  const n = rng.int(0, 3);
  const items: string[] = [];
  const isMap = rng.chance(0.5);
  for (let i = 0; i < n; i++) {
    const v = depth < 2 && rng.chance(0.25) ? flow(rng, depth + 1) : rng.chance(0.7) ? rng.pick(FLOW_PLAIN) : rng.pick(QUOTED);
    items.push(isMap ? `k${i}: ${v}` : v);
  }
  const sep = rng.pick([', ', ',', ' , ']);
  const inner = items.join(sep) + (n > 0 && rng.chance(0.1) ? ',' : '');
  return isMap ? `{${inner}}` : `[${inner}]`;
}

function blockScalar(rng: Random, head: string, indent: number): string[] {
  const folded = rng.chance(0.5);
  const header = head + (folded ? '>' : '|') + rng.pick(['', '-', '+']) + (rng.chance(0.1) ? ' # c' : '');
  const contentIndent = indent + rng.int(1, 3);
  const pad = ' '.repeat(contentIndent);
  const lines = [header];
  if (rng.chance(0.2)) lines.push('');
  const n = rng.int(1, 4);
  for (let i = 0; i < n; i++) {
    const extra = !folded && i > 0 && rng.chance(0.2) ? '  ' : ''; // more-indented, not first
    lines.push(pad + extra + rng.pick(['text', 'a: b', '# not a comment', '- x', 'trailing  ', 'x  y', '"q"']));
    if (rng.chance(0.2)) lines.push(rng.chance(0.5) ? '' : ' '.repeat(rng.int(0, contentIndent)));
  }
  if (rng.chance(0.3)) lines.push('');
  return lines;
}

/** Random lines of near-misses and plain constructs: the fast path must answer right or not at all. */
export function lineSoup(rng: Random): string {
  const fragments = ['key: value', 'key:', '- item', '-', '- k: v', '- - x', 'k: |', 'k: >-', 'k: |+', 'text line', '# comment', '', '---', '--- # c', '...', 'k: [a, b', 'k: [a, b]', 'k: {a: 1, a: 2}', 'k: {a: 1}', 'a: b: c', 'key:value', '? x', ': y', 'a: &a x', 'b: *a', 'c: !t x', 'd: "unclosed', "e: 'it''s'", 'f: "a\\"b"', 'g: a#b', 'h: a #b', 'i: x   ', 'j:\tx', '\tk: 1', 'l: "x" y', 'm: [a] b', 'n: |2', 'o: 1e3', 'p: 0x1G', 'q: .5', 'r: +1', 's: -0', 't: 0o8', '1: a', 'null: b', 'u: - v', '"w": 1', "'x': 2", 'y: "\\x"', 'z:  # c', 'key: value # c', '<<: {a: 1}', '%YAML 1.2', 'k: [a: 1]', 'k: {a}', '"a" : 1', '"a":1', "k: { a : b }", 'k: [ a , b ]', 'k: [a]#c', '   ', '  ', ' ', 'text', '# c', 'k: >', 'k: |-', '- |', '- >+', 'k: "\\u00e9"', '-  - a', '- a: b', '  - c', 'k: x #', 'k: -', 'k: -1', '-x: 1', 'k: ---', '--- x'];
  const n = rng.int(1, 12);
  const lines: string[] = [];
  for (let i = 0; i < n; i++) lines.push(' '.repeat(rng.pick([0, 0, 0, 1, 2, 2, 4, 6])) + rng.pick(fragments));
  return lines.join('\n') + (rng.chance(0.7) ? '\n' : '');
}

/** One to three random character- or line-level edits of a valid stream. */
export function mutate(rng: Random, text: string): string {
  const edits = rng.int(1, 3);
  for (let e = 0; e < edits; e++) {
    const at = rng.int(0, text.length);
    switch (rng.int(0, 4)) {
      case 0:
        text = text.slice(0, at) + rng.pick([' ', ':', '#', '-', '\n', '[', ']', '{', '}', ',', '"', "'", '|', '>', '&', '*', '!', '?', '%', '\t', '0', '.', '\\', 'e', 'x']) + text.slice(at);
        break;
      case 1:
        text = text.slice(0, at) + text.slice(at + 1);
        break;
      case 2: {
        const lines = text.split('\n');
        const i = rng.int(0, lines.length - 1);
        lines.splice(i, 0, lines[i]!);
        text = lines.join('\n');
        break;
      }
      case 3: {
        const lines = text.split('\n');
        const i = rng.int(0, lines.length - 1);
        lines[i] = rng.chance(0.5) ? ' ' + lines[i]! : lines[i]!.replace(/^ /, '');
        text = lines.join('\n');
        break;
      }
      default: {
        const lines = text.split('\n');
        const i = rng.int(0, lines.length - 1);
        const j = rng.int(0, lines.length - 1);
        [lines[i], lines[j]] = [lines[j]!, lines[i]!];
        text = lines.join('\n');
      }
    }
  }
  return text;
}

/** Short random strings over YAML's significant characters: the fast path must answer right or not at all. */
export function charSoup(rng: Random): string {
  const alphabet = ['a', 'b', '1', '0', ' ', ' ', ' ', ':', ':', '-', '#', '\n', '\n', '\n', '[', ']', '{', '}', ',', "'", '"', '|', '>', '.', '+', '\\', '~', 'x', 'e'];
  const n = rng.int(1, 30);
  let text = '';
  for (let i = 0; i < n; i++) text += rng.pick(alphabet);
  return text;
}
