import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** schemas/ sits two levels above this file both in src/validate and in dist/validate. */
const SCHEMA_DIR = fileURLToPath(new URL('../../schemas/', import.meta.url));

type JsonSchema = Record<string, unknown>;
let byId: Map<string, JsonSchema> | undefined;

/** All schemas by `$id`, read on first use only (they are needed for suggestions, not validation). */
function schemasById(): Map<string, JsonSchema> {
  if (!byId) {
    byId = new Map();
    for (const name of readdirSync(SCHEMA_DIR)) {
      if (!name.endsWith('.schema.json')) continue;
      const schema = JSON.parse(readFileSync(SCHEMA_DIR + name, 'utf8')) as JsonSchema;
      if (typeof schema.$id === 'string') byId.set(schema.$id, schema);
    }
  }
  return byId;
}

/**
 * Given the schemaPath of an `additionalProperties` error (e.g.
 * `https://pai.dev/schemas/v1/common.schema.json#/$defs/metadata/additionalProperties` or
 * `#/properties/spec/additionalProperties`), lists the property names the schema allows there,
 * for did-you-mean suggestions.
 */
export function propertyNamesAt(schemaPath: string, rootId?: string): string[] {
  const [base, fragment = ''] = schemaPath.split('#');
  const schemas = schemasById();
  const root = base ? schemas.get(base) : rootId ? schemas.get(rootId) : undefined;
  const candidates = root ? [root] : [...schemas.values()];
  const segments = fragment.split('/').filter(Boolean).slice(0, -1).map(decodeURIComponent);
  for (const schema of candidates) {
    let node: unknown = schema;
    for (const seg of segments) node = node && typeof node === 'object' ? (node as JsonSchema)[seg.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
    const props = node && typeof node === 'object' ? (node as JsonSchema).properties : undefined;
    if (props && typeof props === 'object') return Object.keys(props);
  }
  return [];
}
