/**
 * A strict parser of the Prometheus text exposition format 0.0.4 (what a Prometheus server
 * scrapes), for tests: every line must be a `# HELP`, a `# TYPE`, a comment, blank, or a sample
 * `name{label="value",…} value [timestamp]` of a family declared by `# TYPE` (histograms and
 * summaries add `_bucket`, `_sum`, `_count`); values are numbers, NaN or ±Inf (any case, as
 * Prometheus reads them); label values unescape `\\`, `\"` and `\n`. Anything
 * else throws, so a malformed exposition fails the test instead of being read loosely.
 */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Exposition {
  types: Map<string, string>;
  samples: Sample[];
  /** The value of the one sample with this name and exactly these labels (0 when absent). */
  value(name: string, labels?: Record<string, string>): number;
  /** The sum over samples with this name whose labels include these. */
  sum(name: string, labels?: Record<string, string>): number;
}

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const SAMPLE = new RegExp(`^(${NAME})(?:\\{(.*)\\})?\\s+(\\S+)(?:\\s+(-?\\d+))?$`);
const LABEL = /\s*([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*(,|$)/y;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

export function parsePrometheusText(text: string): Exposition {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  for (const [i, line] of text.split('\n').entries()) {
    const where = `line ${i + 1}: ${JSON.stringify(line)}`;
    if (line.trim() === '') continue;
    if (line.startsWith('#')) {
      const m = /^# (HELP|TYPE) (\S+)(?: (.*))?$/.exec(line);
      if (!m) continue; // a plain comment
      if (!new RegExp(`^${NAME}$`).test(m[2]!)) throw new Error(`bad metric name at ${where}`);
      if (m[1] === 'TYPE') {
        if (!TYPES.has(m[3] ?? '')) throw new Error(`bad TYPE at ${where}`);
        if (types.has(m[2]!)) throw new Error(`TYPE given twice at ${where}`);
        types.set(m[2]!, m[3]!);
      }
      continue;
    }
    const m = SAMPLE.exec(line);
    if (!m) throw new Error(`not a sample at ${where}`);
    const name = m[1]!;
    const family = [name, name.replace(/_(bucket|sum|count)$/, '')].find((n) => types.has(n));
    if (!family) throw new Error(`sample of an undeclared family at ${where}`);
    if (family !== name && !['histogram', 'summary'].includes(types.get(family)!)) throw new Error(`suffixed sample of a ${types.get(family)} at ${where}`);
    const labels: Record<string, string> = {};
    const body = m[2] ?? '';
    LABEL.lastIndex = 0;
    while (LABEL.lastIndex < body.length) {
      const start = LABEL.lastIndex;
      const l = LABEL.exec(body);
      if (!l || l.index !== start) throw new Error(`bad labels at ${where}`);
      if (l[1]! in labels) throw new Error(`label given twice at ${where}`);
      labels[l[1]!] = l[2]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
      if (l[3] === '') break;
    }
    const raw = m[3]!;
    // As Prometheus reads values (Go's ParseFloat): NaN and Inf in any letter case.
    const value = /^[+]?inf$/i.test(raw) ? Infinity : /^-inf$/i.test(raw) ? -Infinity : /^nan$/i.test(raw) ? NaN : Number(raw);
    if (Number.isNaN(value) && !/^nan$/i.test(raw)) throw new Error(`bad value at ${where}`);
    samples.push({ name, labels, value });
  }
  const includes = (s: Sample, labels: Record<string, string>) => Object.entries(labels).every(([k, v]) => s.labels[k] === v);
  return {
    types,
    samples,
    value: (name, labels = {}) => {
      const found = samples.filter((s) => s.name === name && includes(s, labels) && Object.keys(s.labels).length === Object.keys(labels).length);
      if (found.length > 1) throw new Error(`${name} ${JSON.stringify(labels)} matches ${found.length} samples`);
      return found[0]?.value ?? 0;
    },
    sum: (name, labels = {}) => samples.filter((s) => s.name === name && includes(s, labels)).reduce((n, s) => n + s.value, 0),
  };
}
