import { createRequire } from 'node:module';
import type { Resource } from '../../../api/wire.js';

/** The machine-readable formats of `pai get -o`. */
export type StructuredFormat = 'json' | 'yaml';

/**
 * A resource as `-o json|yaml` prints it: as the server returned it, except that a Secret's
 * `spec.data`/`spec.stringData` are dropped. The server never returns values; this makes sure
 * that a misbehaving or older server cannot make the CLI print one either.
 */
export function withoutSecretValues<T extends Resource>(resource: T): T {
  if (resource.kind !== 'Secret' || !resource.spec) return resource;
  const { data: _data, stringData: _stringData, ...spec } = resource.spec as Record<string, unknown>;
  return { ...resource, spec };
}

/** Serialises for `-o json` (2-space indented) or `-o yaml` (the yaml package's stringify). */
export function renderStructured(value: unknown, format: StructuredFormat): string {
  if (format === 'json') return JSON.stringify(value, null, 2) + '\n';
  return yamlPackage().stringify(value, { lineWidth: 0 });
}

/**
 * The yaml package (CommonJS, ~70 files), required on the first `-o yaml` only: a static import
 * would load it for every command, `pai --help` included.
 */
function yamlPackage(): typeof import('yaml') {
  return createRequire(import.meta.url)('yaml') as typeof import('yaml');
}
