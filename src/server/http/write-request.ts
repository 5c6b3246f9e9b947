import type { Diagnostic, ResourceKey } from '../../api/diagnostic.js';
import { isError } from '../../api/diagnostic.js';
import { checkResourceLocally } from '../../compiler/check/local.js';
import { validateManifest } from '../../compiler/validate/index.js';
import { API_VERSION, type KindInfo } from '../../api/kinds.js';
import { SERVER_OWNED_METADATA } from '../store/resource-document.js';
import type { ResourceWrite } from '../store/resource-writer.js';
import { ApiError, badRequest } from './api-error.js';
import { requireObjectBody } from './json-body.js';
import { isDnsLabel } from './names.js';
import { splitSecretSpec } from './secret-input.js';

/** Where a write is aimed: the kind and namespace from the path, and the name when the path has one. */
export interface WriteTarget {
  kind: KindInfo;
  namespace: string;
  name?: string;
}

/**
 * Turns a request body into a store write, or refuses it:
 * - 400 when the body is not a manifest or disagrees with the path (apiVersion, kind, namespace,
 *   name) or carries a malformed resourceVersion;
 * - 422 with the compiler's diagnostics (schema + single-resource checks), which never quote a
 *   value at a sensitive position (a Secret's values, whatever their shape); the error handler
 *   masks them once more in the whole body.
 * Server-owned metadata and `status` are dropped; a missing namespace/name is taken from the path.
 */
export function parseWriteRequest(body: unknown, target: WriteTarget): ResourceWrite {
  const manifest = { ...requireObjectBody(body, 'a pai.io/v1 manifest') };
  if (manifest.apiVersion === undefined) manifest.apiVersion = API_VERSION;
  else if (manifest.apiVersion !== API_VERSION) throw badRequest(`apiVersion must be "${API_VERSION}"`, 'fix apiVersion in the manifest');
  if (manifest.kind === undefined) manifest.kind = target.kind.kind;
  else if (manifest.kind !== target.kind.kind) {
    throw badRequest(
      `the manifest's kind ${typeof manifest.kind === 'string' ? JSON.stringify(manifest.kind) : '(not a string)'} does not match the path (${target.kind.plural}, kind ${target.kind.kind})`,
      `send it to /v1/namespaces/NAMESPACE/PLURAL for its kind`,
    );
  }
  const metadata = { ...requireMetadata(manifest.metadata) };
  if (metadata.namespace === undefined) metadata.namespace = target.namespace;
  else if (metadata.namespace !== target.namespace)
    throw badRequest('metadata.namespace does not match the namespace in the path', 'make them agree, or omit metadata.namespace');
  if (target.name !== undefined) {
    if (metadata.name === undefined) metadata.name = target.name;
    else if (metadata.name !== target.name) throw badRequest('metadata.name does not match the name in the path', 'make them agree, or omit metadata.name');
  }
  const expectedResourceVersion = readResourceVersion(metadata.resourceVersion);
  for (const owned of SERVER_OWNED_METADATA) delete metadata[owned];
  manifest.metadata = metadata;
  delete manifest.status;

  const key: ResourceKey = { kind: target.kind.kind, namespace: target.namespace, name: String(metadata.name ?? '') };
  const isSecret = target.kind.kind === 'Secret';
  const diagnostics = [...validateManifest(manifest), ...checkResourceLocally(manifest)];
  if (!isDnsLabel(metadata.name) && !diagnostics.some((d) => d.pointer === '/metadata/name')) {
    diagnostics.push({
      code: 'schema-format',
      severity: 'error',
      message: 'metadata.name is missing or not a valid name',
      hint: "use lower-case letters, digits and '-' (DNS-1123)",
      pointer: '/metadata/name',
    });
  }
  let spec = (manifest.spec ?? {}) as Record<string, unknown>;
  let secretValues: ResourceWrite['secretValues'];
  if (isSecret && diagnostics.every((d) => !isError(d))) {
    const split = splitSecretSpec(spec);
    diagnostics.push(...split.diagnostics);
    spec = split.spec;
    secretValues = split.values;
  }
  refuseInvalid(diagnostics, key);

  const { name: _name, namespace: _namespace, ...clientMetadata } = metadata;
  return {
    key,
    metadata: clientMetadata,
    spec,
    ...(secretValues ? { secretValues } : {}),
    ...(expectedResourceVersion !== undefined ? { expectedResourceVersion } : {}),
  };
}

function requireMetadata(value: unknown): Record<string, unknown> {
  if (value === undefined) return {};
  if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  throw badRequest('metadata must be an object', 'write metadata: {name: …, namespace: …}');
}

/** A resourceVersion precondition: a decimal string (or integer); anything else is a 400. */
export function readResourceVersion(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string' && /^[0-9]{1,19}$/.test(value)) return String(BigInt(value));
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  throw badRequest('metadata.resourceVersion must be a decimal string, as the server returned it', 'copy it from the last GET, or omit it to overwrite');
}

function refuseInvalid(diagnostics: Diagnostic[], key: ResourceKey): void {
  const errors = diagnostics.filter(isError);
  if (errors.length === 0) return;
  const withResource = diagnostics.map((d) => ({ ...d, resource: d.resource ?? key }));
  throw new ApiError(
    'Invalid',
    `${key.kind} "${key.namespace}/${key.name || '(no name)'}" is invalid: ${errors.length === 1 ? errors[0]!.message : `${errors.length} problems`}`,
    'fix the fields listed in diagnostics (`pai validate` shows the same problems offline)',
    withResource,
  );
}
