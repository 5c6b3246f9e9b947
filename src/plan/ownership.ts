import { ANNOTATION_COMMIT, ANNOTATION_LAST_APPLIED, ANNOTATION_MANAGED_BY, type Ownership } from './types.js';
import { normalize } from './normalize.js';

type Obj = Record<string, unknown>;

/** Who manages a live object, from the annotation pai writes on apply; undefined if made by hand. */
export function ownershipOf(live: Obj): Ownership | undefined {
  const annotations = ((live.metadata as Obj | undefined)?.annotations ?? {}) as Obj;
  const source = annotations[ANNOTATION_MANAGED_BY];
  if (typeof source !== 'string' || !source) return undefined;
  const commit = annotations[ANNOTATION_COMMIT];
  return { source, ...(typeof commit === 'string' ? { commit } : {}) };
}

/**
 * The manifest apply writes: the desired one plus ownership annotations and a record of what was
 * applied (normalized, without secret values), which later plans use to recognise drift and which
 * `--prune` uses as its inventory.
 */
export function withOwnership(manifest: Obj, source: string, commit?: string): Obj {
  const metadata = { ...((manifest.metadata ?? {}) as Obj) };
  const record = normalize(manifest);
  metadata.annotations = {
    ...((metadata.annotations ?? {}) as Obj),
    [ANNOTATION_MANAGED_BY]: source,
    ...(commit ? { [ANNOTATION_COMMIT]: commit } : {}),
    [ANNOTATION_LAST_APPLIED]: JSON.stringify(record),
  };
  return { ...manifest, metadata };
}
