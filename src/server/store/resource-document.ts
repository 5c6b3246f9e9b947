import { API_VERSION } from '../../api/kinds.js';
import type { ResourceKey } from '../../api/diagnostic.js';
import type { ResourceMetadata } from '../../api/wire.js';

/** Metadata as the server returns it (the wire's ResourceMetadata); the store keeps unknown fields it was sent. */
export type StoredMetadata = ResourceMetadata & { [field: string]: unknown };

/** A resource as stored and as every GET/LIST returns it (a Secret's `spec` never holds values). */
export interface ResourceDocument {
  apiVersion: string;
  kind: string;
  metadata: StoredMetadata;
  spec: Record<string, unknown>;
  status: Record<string, unknown>;
}

/** A resource read from or written to the store, with its JSON text (what the API sends). */
export interface StoredResource {
  doc: ResourceDocument;
  json: string;
}

/** The metadata fields the server owns; the server ignores them in request bodies. */
export const SERVER_OWNED_METADATA = ['uid', 'resourceVersion', 'generation', 'creationTimestamp'] as const;

/** Status a kind starts with; the gateway fills ModelProvider usage in later. */
export function initialStatus(kind: string): Record<string, unknown> {
  return kind === 'ModelProvider' ? { lastUsed: null, tokensUsedToday: 0 } : {};
}

/** Builds the stored document in a fixed key order (the order users see in `-o json`). */
export function buildDocument(
  key: ResourceKey,
  clientMetadata: Record<string, unknown>,
  server: { uid: string; resourceVersion: string; generation: number; creationTimestamp: string },
  spec: Record<string, unknown>,
  status: Record<string, unknown>,
): StoredResource {
  const metadata: StoredMetadata = { name: key.name, namespace: key.namespace, ...withoutOwned(clientMetadata), ...server };
  const doc: ResourceDocument = { apiVersion: API_VERSION, kind: key.kind, metadata, spec, status };
  return { doc, json: JSON.stringify(doc) };
}

function withoutOwned(metadata: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(metadata)) {
    if (k === 'name' || k === 'namespace' || (SERVER_OWNED_METADATA as readonly string[]).includes(k)) continue;
    out[k] = v;
  }
  return out;
}

/** The client-owned metadata of a stored document (to compare or to carry over). */
export function clientMetadataOf(doc: ResourceDocument): Record<string, unknown> {
  return withoutOwned(doc.metadata);
}

/** JSON with object keys sorted, so that two specs compare equal whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return '[' + value.map(canonicalJson).join(',') + ']';
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return '{' + entries.map(([k, v]) => JSON.stringify(k) + ':' + canonicalJson(v)).join(',') + '}';
  }
  return JSON.stringify(value) ?? 'null';
}
