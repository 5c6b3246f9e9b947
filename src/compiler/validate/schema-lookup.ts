import { loadAllSchemas, type JsonSchema } from '../../api/schemas.js';

/**
 * Given the schemaPath of an `additionalProperties` error (e.g.
 * `https://pai.dev/schemas/v1/common.schema.json#/$defs/metadata/additionalProperties` or
 * `#/properties/spec/additionalProperties`), lists the property names the schema allows there,
 * for did-you-mean suggestions.
 */
export function propertyNamesAt(schemaPath: string, rootId?: string): string[] {
  const node = schemaAt(schemaPath, rootId, 1);
  const props = node?.properties;
  return props && typeof props === 'object' ? Object.keys(props) : [];
}

/** The `description` of the schema node holding a failed keyword (e.g. what a pattern means). */
export function descriptionAt(schemaPath: string, rootId?: string): string | undefined {
  const d = schemaAt(schemaPath, rootId, 1)?.description;
  return typeof d === 'string' ? d : undefined;
}

/**
 * Given the schemaPath of a `oneOf`/`anyOf` error, describes each alternative by its required
 * fields, e.g. `{name, value}` and `{name, secretRef}`.
 */
export function branchShapes(schemaPath: string, rootId?: string): string[] {
  const branches = schemaAt(schemaPath, rootId, 0);
  if (!Array.isArray(branches)) return [];
  return branches.map((b: JsonSchema) => (Array.isArray(b.required) && b.required.length > 0 ? `{${b.required.join(', ')}}` : '')).filter(Boolean);
}

/** The schema node at a schemaPath (minus `dropLast` trailing segments), following the `$id` base. */
function schemaAt(schemaPath: string, rootId: string | undefined, dropLast: number): JsonSchema | undefined {
  const [base, fragment = ''] = schemaPath.split('#');
  const schemas = loadAllSchemas();
  // A base may be relative to the kind's schema (`common.schema.json#/$defs/…`).
  const id = base ? (rootId ? new URL(base, rootId).href : base) : rootId;
  const root = id ? schemas.get(id) : undefined;
  if (!root) return undefined;
  const segments = fragment.split('/').filter(Boolean).map(decodeURIComponent);
  let node: unknown = root;
  for (const seg of segments.slice(0, segments.length - dropLast)) {
    node = node && typeof node === 'object' ? (node as JsonSchema)[seg.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  }
  return node && typeof node === 'object' ? (node as JsonSchema) : undefined;
}
