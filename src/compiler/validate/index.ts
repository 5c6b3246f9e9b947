import type { ErrorObject } from 'ajv';
import type { Diagnostic, ResourceKey } from '../../api/diagnostic.js';
import { kindInfo } from '../../api/kinds.js';
import { convertSchemaErrors } from './schema-errors.js';
import { validators } from './validators.generated.js';

export { locateTargetFor } from './schema-errors.js';

/** The `$id` of a kind's schema, as written in schemas/<kind>.schema.json. */
export function schemaIdFor(kind: string): string {
  return `https://pai.dev/schemas/v1/${kind.toLowerCase()}.schema.json`;
}

/**
 * Validates one manifest against its kind's JSON Schema (precompiled with ajv at build time, so
 * no schema is compiled at start-up). Returns diagnostics with a JSON `pointer` and no range: the
 * compiler locates them in the file, the server returns them as they are.
 */
export function validateManifest(doc: unknown, resource?: ResourceKey): Diagnostic[] {
  const kind = doc && typeof doc === 'object' ? (doc as Record<string, unknown>).kind : undefined;
  const validate = typeof kind === 'string' && kindInfo(kind) ? validators[kind as keyof typeof validators] : undefined;
  if (!validate) {
    return [{ code: 'unknown-kind', severity: 'error', message: `kind ${JSON.stringify(kind)} is not a pai.io/v1 kind`, pointer: '/kind' }];
  }
  if (validate(doc)) return [];
  return convertSchemaErrors((validate.errors ?? []) as ErrorObject[], doc, schemaIdFor(kind as string), resource);
}
