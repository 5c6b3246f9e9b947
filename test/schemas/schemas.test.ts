/**
 * The conventions every schema in schemas/ keeps: compiles under ajv strict mode, one file per kind
 * as named in kinds.ts, `$id`/`$schema`/`title`, a description on every property (editors show
 * them), unknown fields rejected everywhere except the few deliberately open objects, and no
 * `$ref` inside common.schema.json definitions (so ajv inlines them and error schemaPaths stay
 * resolvable).
 */
import { describe, expect, it } from 'vitest';
import { createAjv, readSchemaFiles } from '../../scripts/gen-validators.mjs';
import { KINDS } from '../../src/api/kinds.js';
import { loadAllSchemas, loadSchemas, resolveSchemaRef, SCHEMAS_DIR } from '../../src/api/schemas.js';
import { REPO_ROOT } from '../helpers/cli.js';
import path from 'node:path';

type Schema = Record<string, any>;
const files = readSchemaFiles() as Array<{ file: string; schema: Schema }>;

/** Objects that accept any field on purpose, by JSON pointer inside their file. */
const OPEN_OBJECTS = new Set([
  '/properties/status', // server-owned, any content
  '/properties/spec/properties/triggers/items/properties/telegram', // trigger shapes not documented upstream
  '/properties/spec/properties/triggers/items/properties/slack',
  '/properties/spec/properties/triggers/items/properties/email',
  '/properties/spec/properties/triggers/items/properties/schedule',
]);

/** Calls `visit` for every sub-schema with its JSON pointer. */
function walk(schema: unknown, pointer: string, visit: (s: Schema, pointer: string) => void): void {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return;
  const s = schema as Schema;
  visit(s, pointer);
  for (const key of ['properties', '$defs'] as const) {
    for (const [name, sub] of Object.entries((s[key] ?? {}) as Schema)) walk(sub, `${pointer}/${key}/${name}`, visit);
  }
  // `if` and `not` are conditions, not shapes of data: not walked.
  for (const key of ['items', 'additionalProperties', 'propertyNames', 'then', 'else'] as const) walk(s[key], `${pointer}/${key}`, visit);
  for (const key of ['oneOf', 'anyOf', 'allOf'] as const) (s[key] ?? []).forEach((sub: unknown, i: number) => walk(sub, `${pointer}/${key}/${i}`, visit));
}

describe('schema files', () => {
  it('every schema compiles in ajv strict mode (with the standard formats)', () => {
    const ajv = createAjv(files);
    for (const { schema } of files) expect(ajv.getSchema(schema.$id), schema.$id).toBeTypeOf('function');
  });

  it('there is one schema per kind of kinds.ts, plus common and manifest', () => {
    expect(files.map((f) => f.file).sort()).toEqual([...KINDS.map((k) => k.schemaFile), 'common.schema.json', 'manifest.schema.json'].sort());
    for (const info of KINDS) {
      const { schema } = files.find((f) => f.file === info.schemaFile)!;
      expect(schema.title).toBe(info.kind);
      expect(schema.properties.kind.const).toBe(info.kind);
      expect(schema.properties.apiVersion.const).toBe('pai.io/v1');
      expect(schema.properties.status.type).toBe('object');
    }
  });

  it.each(files.map((f) => [f.file, f.schema] as const))('%s has draft 2020-12, its $id, a title and a description', (file, schema) => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe(`https://pai.dev/schemas/v1/${file}`);
    expect(schema.title).toEqual(expect.any(String));
    expect(schema.description).toEqual(expect.any(String));
  });

  it.each(files.map((f) => [f.file, f.schema] as const))('%s: every property has a description', (_file, schema) => {
    const missing: string[] = [];
    walk(schema, '', (s, pointer) => {
      for (const [name, sub] of Object.entries((s.properties ?? {}) as Schema)) {
        if (sub !== true && typeof sub?.description !== 'string') missing.push(`${pointer}/properties/${name}`);
      }
    });
    expect(missing).toEqual([]);
  });

  it.each(files.map((f) => [f.file, f.schema] as const))('%s: every object with properties rejects unknown fields', (_file, schema) => {
    const open: string[] = [];
    walk(schema, '', (s, pointer) => {
      if (s.type !== 'object' && !s.properties) return;
      if (/\/(anyOf|allOf)\/\d+$/.test(pointer) && !s.type) return; // constraint-only branches ("at least one of")
      if (pointer === '' && s.allOf) return; // manifest.schema.json: the kind schema in `then` is strict
      if (OPEN_OBJECTS.has(pointer)) {
        expect(s.additionalProperties, pointer).toBe(true);
        return;
      }
      if (s.additionalProperties === false || typeof s.additionalProperties === 'object') return;
      open.push(pointer);
    });
    expect(open).toEqual([]);
  });

  it('definitions of common.schema.json contain no $ref (ajv inlines them; errors keep a resolvable schemaPath)', () => {
    const common = files.find((f) => f.file === 'common.schema.json')!.schema;
    expect(JSON.stringify(common.$defs)).not.toContain('"$ref"');
  });

  it('manifest.schema.json dispatches every kind to its schema', () => {
    const manifest = files.find((f) => f.file === 'manifest.schema.json')!.schema;
    expect(manifest.properties.kind.enum.sort()).toEqual(KINDS.map((k) => k.kind).sort());
    const thens = manifest.allOf.map((b: Schema) => [b.if.properties.kind.const, b.then.$ref]);
    expect(thens.sort()).toEqual(KINDS.map((k) => [k.kind, k.schemaFile]).sort());
  });
});

describe('loadSchemas', () => {
  it('reads schemas/ next to the package root and keys kind schemas by kind', () => {
    expect(SCHEMAS_DIR.replace(/\/$/, '')).toBe(path.join(REPO_ROOT, 'schemas'));
    const byKind = loadSchemas();
    expect(Object.keys(byKind).sort()).toEqual(KINDS.map((k) => k.kind).sort());
    expect(byKind.ModelProvider.$id).toBe('https://pai.dev/schemas/v1/modelprovider.schema.json');
    expect([...loadAllSchemas().keys()]).toContain('https://pai.dev/schemas/v1/common.schema.json');
  });

  it('resolves relative, local and absolute $refs', () => {
    const base = 'https://pai.dev/schemas/v1/agent.schema.json';
    expect(resolveSchemaRef('common.schema.json#/$defs/metadata', base)?.schema.title).toBe('Metadata');
    expect(resolveSchemaRef('#/properties/spec', base)?.schema.title).toBe('AgentSpec');
    expect(resolveSchemaRef('https://pai.dev/schemas/v1/common.schema.json#/$defs/cidr', base)?.baseId).toBe('https://pai.dev/schemas/v1/common.schema.json');
    expect(resolveSchemaRef('nope.schema.json#/x', base)).toBeUndefined();
    expect(resolveSchemaRef('#/properties/nope', base)).toBeUndefined();
  });
});
