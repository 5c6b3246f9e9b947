import { API_VERSION, type KindInfo } from '../../../api/kinds.js';
import { loadAllSchemas, resolveSchemaRef, SCHEMA_ID_BASE, type JsonSchema } from '../../../api/schemas.js';

/** One field as `pai explain` shows it, read from schemas/ (the single source of truth). */
export interface ExplainedField {
  kind: string;
  /** `spec.endpoint`; empty for the kind itself. */
  path: string;
  type: string;
  description: string;
  /** Allowed values, default and bounds, one line each. */
  constraints: string[];
  fields: Array<{ name: string; type: string; required: boolean; description: string }>;
}

/** A field path that the kind's schema does not have; `known` lists the fields where it stopped. */
export class UnknownFieldError extends Error {
  override readonly name = 'UnknownFieldError';
  constructor(
    message: string,
    readonly known: string[],
  ) {
    super(message);
  }
}

interface Located {
  schema: JsonSchema;
  baseId: string;
}

/** Walks `path` (field names; list items are stepped into) from the kind's schema. */
export function explainField(kind: KindInfo, path: readonly string[]): ExplainedField {
  const baseId = SCHEMA_ID_BASE + kind.schemaFile;
  const root = loadAllSchemas().get(baseId);
  if (!root) throw new Error(`bug: schema ${kind.schemaFile} not found`);
  let here: Located = { schema: root, baseId };
  const walked: string[] = [];
  for (const name of path) {
    const props = propertiesOf(itemsOf(here));
    const next = props.get(name);
    if (!next) {
      const where = walked.length ? `${kind.kind}.${walked.join('.')}` : kind.kind;
      throw new UnknownFieldError(`${where} has no field ${JSON.stringify(name)}`, [...props.keys()]);
    }
    here = next;
    walked.push(name);
  }
  const target = itemsOf(here);
  const required = new Set(Array.isArray(target.schema.required) ? (target.schema.required as string[]) : []);
  return {
    kind: kind.kind,
    path: walked.join('.'),
    type: typeOf(here),
    description: text(here.schema.description) || text(target.schema.description),
    constraints: constraintsOf(here.schema === target.schema ? here : target),
    fields: [...propertiesOf(target)].map(([name, field]) => ({ name, type: typeOf(field), required: required.has(name), description: firstSentence(text(field.schema.description)) })),
  };
}

/** kubectl explain's layout: KIND, VERSION, FIELD, DESCRIPTION, FIELDS. */
export function renderExplain(e: ExplainedField): string {
  const indent = (s: string, n: number) => s.split('\n').map((l) => (l ? ' '.repeat(n) + l : l)).join('\n');
  const out = [`KIND:     ${e.kind}`, `VERSION:  ${API_VERSION}`, ''];
  if (e.path) out.push(`FIELD:    ${e.path} <${e.type}>`, '');
  out.push('DESCRIPTION:', indent(e.description || '(no description)', 4));
  if (e.constraints.length) out.push('', ...e.constraints.map((c) => indent(c, 4)));
  if (e.fields.length) {
    out.push('', 'FIELDS:');
    for (const f of e.fields) out.push(`  ${f.name}\t<${f.type}>${f.required ? ' -required-' : ''}`, indent(f.description || '(no description)', 4), '');
    out.pop();
  }
  return out.join('\n') + '\n';
}

/** A node with its `$ref` followed; sibling keywords (a more specific description) win. */
function deref(node: Located): Located {
  let current = node;
  for (let depth = 0; depth < 10 && typeof current.schema.$ref === 'string'; depth++) {
    const target = resolveSchemaRef(current.schema.$ref, current.baseId);
    if (!target) break;
    const { $ref: _ref, ...siblings } = current.schema;
    current = { schema: { ...target.schema, ...siblings }, baseId: target.baseId };
  }
  return current;
}

/** Lists are explained through their items, as kubectl does. */
function itemsOf(node: Located): Located {
  let here = deref(node);
  while (here.schema.type === 'array' && here.schema.items && typeof here.schema.items === 'object') here = deref({ schema: here.schema.items as JsonSchema, baseId: here.baseId });
  return here;
}

/** The properties of an object schema, including those of its oneOf/anyOf/allOf branches. */
function propertiesOf(node: Located): Map<string, Located> {
  const out = new Map<string, Located>();
  const visit = (n: Located) => {
    const here = deref(n);
    for (const [name, schema] of Object.entries((here.schema.properties ?? {}) as Record<string, JsonSchema>)) if (!out.has(name)) out.set(name, { schema, baseId: here.baseId });
    for (const key of ['allOf', 'oneOf', 'anyOf']) for (const branch of (here.schema[key] ?? []) as JsonSchema[]) visit({ schema: branch, baseId: here.baseId });
  };
  visit(node);
  return out;
}

function typeOf(node: Located): string {
  const here = deref(node);
  const s = here.schema;
  if (s.type === 'array') return `[]${s.items && typeof s.items === 'object' ? typeOf({ schema: s.items as JsonSchema, baseId: here.baseId }) : 'any'}`;
  if (Array.isArray(s.type)) return s.type.join('|');
  if (typeof s.type === 'string') return s.type === 'object' ? 'Object' : s.type;
  for (const key of ['oneOf', 'anyOf']) if (Array.isArray(s[key])) return [...new Set((s[key] as JsonSchema[]).map((b) => typeOf({ schema: b, baseId: here.baseId })))].join('|');
  if (s.const !== undefined) return typeof s.const;
  return s.properties ? 'Object' : 'any';
}

function constraintsOf(node: Located): string[] {
  const s = deref(node).schema;
  const out: string[] = [];
  if (s.deprecated === true) out.push('Deprecated.');
  if (Array.isArray(s.enum)) out.push(`Allowed values: ${s.enum.map((v) => JSON.stringify(v)).join(', ')}`);
  if (s.const !== undefined) out.push(`Always: ${JSON.stringify(s.const)}`);
  if (s.default !== undefined) out.push(`Default: ${JSON.stringify(s.default)}`);
  if (typeof s.minimum === 'number') out.push(`Minimum: ${s.minimum}`);
  if (typeof s.maximum === 'number') out.push(`Maximum: ${s.maximum}`);
  if (typeof s.format === 'string') out.push(`Format: ${s.format}`);
  return out;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The first sentence of a description, for the FIELDS list (the whole of it is one `explain` away). */
function firstSentence(description: string): string {
  const m = /^(.*?[.!?])(\s|$)/s.exec(description);
  return (m ? m[1]! : description).replace(/\s+/g, ' ');
}
