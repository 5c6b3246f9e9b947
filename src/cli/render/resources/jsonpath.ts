/**
 * The subset of kubectl's JSONPath templates that `pai get -o jsonpath=…` and `--sort-by` take:
 * text with `{expressions}`, where an expression is a path (`.metadata.name`,
 * `.items[*].metadata.name`, `.items[0].spec`, `['a-b']`), a quoted literal (`{"\n"}`), or
 * `{range PATH}…{end}`, which repeats its body for each value with `.` bound to it. Several
 * values of one path are joined by a space, as kubectl does. Pure: the same input, the same text.
 */

/** A path or template that is not in the subset; `message` says where. */
export class JsonPathError extends Error {
  override readonly name = 'JsonPathError';
}

type Segment = { field: string } | { index: number } | { all: true };
type Node = { text: string } | { path: Segment[] } | { range: Segment[]; body: Node[] };

/** Renders `template` against `data`. */
export function renderJsonPath(template: string, data: unknown): string {
  return renderNodes(parseTemplate(template), data);
}

/** The values a path selects in `data` (`.items[*].metadata.name`), for --sort-by. */
export function selectJsonPath(path: string, data: unknown): unknown[] {
  const inner = path.trim().replace(/^\{(.*)\}$/s, '$1');
  return select(parsePath(inner, path), data);
}

function renderNodes(nodes: readonly Node[], data: unknown): string {
  let out = '';
  for (const node of nodes) {
    if ('text' in node) out += node.text;
    else if ('path' in node) out += select(node.path, data).map(show).join(' ');
    else for (const item of select(node.range, data)) out += renderNodes(node.body, item);
  }
  return out;
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);
}

function select(path: readonly Segment[], data: unknown): unknown[] {
  let current: unknown[] = [data];
  for (const segment of path) {
    const next: unknown[] = [];
    for (const value of current) {
      if ('all' in segment) {
        if (Array.isArray(value)) next.push(...value);
        else if (value && typeof value === 'object') next.push(...Object.values(value));
      } else if ('index' in segment) {
        if (Array.isArray(value)) {
          const item = value[segment.index < 0 ? value.length + segment.index : segment.index];
          if (item !== undefined) next.push(item);
        }
      } else if (value && typeof value === 'object' && !Array.isArray(value) && segment.field in value) {
        next.push((value as Record<string, unknown>)[segment.field]);
      }
    }
    current = next;
  }
  return current;
}

function parseTemplate(template: string): Node[] {
  const root: Node[] = [];
  const stack: Array<{ body: Node[] }> = [{ body: root }];
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open < 0) {
      stack.at(-1)!.body.push({ text: template.slice(i) });
      break;
    }
    if (open > i) stack.at(-1)!.body.push({ text: template.slice(i, open) });
    const close = closingBrace(template, open);
    const expr = template.slice(open + 1, close).trim();
    i = close + 1;
    if (expr.startsWith('"') || expr.startsWith("'")) {
      stack.at(-1)!.body.push({ text: literal(expr, template) });
    } else if (/^range\s/.test(expr)) {
      const node = { range: parsePath(expr.slice(5).trim(), template), body: [] as Node[] };
      stack.at(-1)!.body.push(node);
      stack.push(node);
    } else if (expr === 'end') {
      if (stack.length === 1) throw new JsonPathError(`{end} without {range} in ${JSON.stringify(template)}`);
      stack.pop();
    } else {
      stack.at(-1)!.body.push({ path: parsePath(expr, template) });
    }
  }
  if (stack.length > 1) throw new JsonPathError(`{range} without {end} in ${JSON.stringify(template)}`);
  return root;
}

function closingBrace(template: string, open: number): number {
  let quote: string | undefined;
  for (let j = open + 1; j < template.length; j++) {
    const c = template[j]!;
    if (quote) {
      if (c === '\\') j++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '}') return j;
  }
  throw new JsonPathError(`unclosed { in ${JSON.stringify(template)}`);
}

function literal(expr: string, template: string): string {
  const quote = expr[0]!;
  if (!expr.endsWith(quote) || expr.length < 2) throw new JsonPathError(`unclosed quote in ${JSON.stringify(template)}`);
  const body = expr.slice(1, -1);
  try {
    return quote === '"' ? (JSON.parse(`"${body}"`) as string) : body;
  } catch {
    throw new JsonPathError(`bad escape in the literal ${expr}`);
  }
}

/** `.a.b[*].c`, `a.b` (the leading dot is optional, as in kubectl), `$.a`, `['a-b']`, `[0]`. */
function parsePath(text: string, template: string): Segment[] {
  const bad = (why: string) => new JsonPathError(`${why} in the JSONPath ${JSON.stringify(template)}; supported: .field, [N], [*], ['field'], {range …}{end}, {"literal"}`);
  const segments: Segment[] = [];
  let s = text.startsWith('$') ? text.slice(1) : text;
  if (s === '' || s === '.' || s === '@') return segments;
  if (/^[A-Za-z_]/.test(s)) s = '.' + s;
  const token = /^(?:\.([A-Za-z0-9_$-]+)|\[\*\]|\.\*|\[(-?\d+)\]|\[(['"])(.*?)\3\])/;
  while (s.length > 0) {
    const m = token.exec(s);
    if (!m) throw bad(`cannot read ${JSON.stringify(s)}`);
    if (m[1] !== undefined) segments.push({ field: m[1] });
    else if (m[2] !== undefined) segments.push({ index: Number(m[2]) });
    else if (m[4] !== undefined) segments.push({ field: m[4] });
    else segments.push({ all: true });
    s = s.slice(m[0].length);
  }
  return segments;
}
