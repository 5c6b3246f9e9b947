import { DEFAULT_NAMESPACE } from '../../api/kinds.js';
import { applyDefaults } from '../../api/defaults.js';
import { ANNOTATION_COMMIT, ANNOTATION_LAST_APPLIED, ANNOTATION_MANAGED_BY } from '../../api/annotations.js';

type Obj = Record<string, unknown>;

/** Annotations pai writes for itself: bookkeeping, never a change the user made. */
const OWN_ANNOTATIONS = new Set([ANNOTATION_MANAGED_BY, ANNOTATION_COMMIT, ANNOTATION_LAST_APPLIED]);

/**
 * The comparable form of a resource: what the user controls, with schema defaults filled in on
 * both sides (an omitted default is not a change) and everything server-owned stripped
 * (uid, resourceVersion, generation, creationTimestamp, status, pai's own annotations).
 */
export function normalize(manifest: Obj): Obj {
  const withDefaults = applyDefaults(manifest) as Obj;
  const metadata = (withDefaults.metadata ?? {}) as Obj;
  const out: Obj = {
    metadata: {
      name: metadata.name,
      namespace: (metadata.namespace as string | undefined) || DEFAULT_NAMESPACE,
      ...(nonEmpty(metadata.labels) ? { labels: metadata.labels } : {}),
      ...(nonEmpty(userAnnotations(metadata.annotations)) ? { annotations: userAnnotations(metadata.annotations) } : {}),
    },
  };
  if (manifest.kind !== 'Secret') out.spec = withDefaults.spec ?? {};
  return out;
}

/** Annotations the user wrote: pai's own bookkeeping annotations removed. */
function userAnnotations(value: unknown): Obj {
  if (!value || typeof value !== 'object') return {};
  return Object.fromEntries(Object.entries(value as Obj).filter(([k]) => !OWN_ANNOTATIONS.has(k)));
}

export function isOwnAnnotation(name: string): boolean {
  return OWN_ANNOTATIONS.has(name);
}

function nonEmpty(value: unknown): boolean {
  return !!value && typeof value === 'object' && Object.keys(value as Obj).length > 0;
}

/** Live key → fingerprint and the salt they were computed with. */
export function liveSecretFingerprints(live: Obj): { salt: string; keys: Map<string, string> } {
  const status = (live.status ?? {}) as Obj;
  const keys = new Map<string, string>();
  for (const k of (status.keys ?? []) as Array<{ name: string; fingerprint: string }>) keys.set(k.name, k.fingerprint);
  return { salt: String(status.salt ?? ''), keys };
}
