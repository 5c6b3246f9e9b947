import { packagePath } from '../lib/package-root.js';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { KindName } from './types.generated.js';

/** A JSON Schema document or sub-schema, as plain data. */
export type JsonSchema = Record<string, unknown>;

/**
 * The package's schemas/ folder. It sits two levels above this file both as src/api/*.ts
 * (vitest, tsx) and as dist/api/*.js (the built CLI), and ships in the npm package.
 */
export const SCHEMAS_DIR = packagePath('schemas') + path.sep;

/** `$id` of every schema: `https://pai.dev/schemas/v1/<file-stem>.schema.json`. */
export const SCHEMA_ID_BASE = 'https://pai.dev/schemas/v1/';

let allById: ReadonlyMap<string, JsonSchema> | undefined;
let byKind: Readonly<Record<KindName, JsonSchema>> | undefined;

/**
 * Every schema of schemas/*.schema.json (the kinds, common.schema.json, manifest.schema.json) by
 * `$id`, read once. Validation does not need them (it uses the precompiled validators); they are
 * for did-you-mean suggestions, defaults, the server's OpenAPI document and editors.
 */
export function loadAllSchemas(): ReadonlyMap<string, JsonSchema> {
  if (!allById) {
    const map = new Map<string, JsonSchema>();
    for (const file of readdirSync(SCHEMAS_DIR).filter((f) => f.endsWith('.schema.json')).sort()) {
      const schema = JSON.parse(readFileSync(path.join(SCHEMAS_DIR, file), 'utf8')) as JsonSchema;
      map.set(typeof schema.$id === 'string' ? schema.$id : SCHEMA_ID_BASE + file, schema);
    }
    allById = map;
  }
  return allById;
}

/** The schema of each kind, keyed by kind name (`ModelProvider` → modelprovider.schema.json). */
export function loadSchemas(): Readonly<Record<KindName, JsonSchema>> {
  if (!byKind) {
    const out: Partial<Record<KindName, JsonSchema>> = {};
    for (const schema of loadAllSchemas().values()) {
      const kind = kindOf(schema);
      if (kind) out[kind] = schema;
    }
    byKind = out as Record<KindName, JsonSchema>;
  }
  return byKind;
}

/**
 * Follows a `$ref` (relative like `common.schema.json#/$defs/metadata`, local like
 * `#/$defs/x`, or absolute) from the schema document whose `$id` is `baseId`. Returns the target
 * and the `$id` of the document it lives in (the base for refs inside it), or undefined.
 */
export function resolveSchemaRef(ref: string, baseId: string): { schema: JsonSchema; baseId: string } | undefined {
  const url = new URL(ref, baseId);
  const docId = url.href.replace(/#.*$/, '');
  const doc = loadAllSchemas().get(docId);
  if (!doc) return undefined;
  let node: unknown = doc;
  for (const raw of decodeURIComponent(url.hash.replace(/^#\/?/, '')).split('/').filter(Boolean)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = node && typeof node === 'object' ? (node as JsonSchema)[seg] : undefined;
  }
  return node && typeof node === 'object' ? { schema: node as JsonSchema, baseId: docId } : undefined;
}

function kindOf(schema: JsonSchema): KindName | undefined {
  const props = schema.properties as Record<string, { const?: unknown }> | undefined;
  const kind = props?.kind?.const;
  return typeof kind === 'string' ? (kind as KindName) : undefined;
}
