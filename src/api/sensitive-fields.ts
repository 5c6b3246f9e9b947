import { SENSITIVE_PATHS, type SensitivePath } from './sensitive-paths.generated.js';

export { MASKED } from './redact.js';

/**
 * Where secret values sit in a manifest, decided by position and never by what a value looks
 * like: the schemas mark positions with `x-pai-sensitive` (a Secret is sensitive as a whole,
 * except apiVersion, kind, metadata and spec.type), and whatever sits at or under such a position
 * — a string, a number, a list, a mapping, a field with a typo — is a secret value. Every output
 * (diagnostics, source excerpts, API errors, logs) hides what these functions point at.
 */

/** A path inside a document: mapping keys and list indices. */
export type DocumentPath = ReadonlyArray<string | number>;

/**
 * Whether `text` may hold a manifest of a kind with sensitive positions: it names such a kind
 * literally, or has a backslash (a YAML escape could spell one). When not, nothing in it needs
 * masking and it need not be parsed to find out — most files a diagnostic points into.
 */
export function mayHoldSensitiveKind(text: string): boolean {
  return text.includes('\\') || Object.keys(SENSITIVE_PATHS).some((kind) => text.includes(kind));
}

/** Whether manifests of `kind` have sensitive positions at all (cheap: most kinds have none). */
export function hasSensitivePaths(kind: unknown): boolean {
  return typeof kind === 'string' && SENSITIVE_PATHS[kind] !== undefined;
}

/**
 * Whether the node at `path` of a manifest of `kind` is sensitive: the deepest annotated schema
 * position on the way to it decides, so `spec.stringData.x` inherits the Secret's `true` and
 * `spec.type` has its own `false`.
 */
export function isSensitivePath(kind: unknown, path: DocumentPath): boolean {
  const table = typeof kind === 'string' ? SENSITIVE_PATHS[kind] : undefined;
  if (!table) return false;
  let decisive: SensitivePath | undefined;
  for (const entry of table) {
    if (entry.path.length > path.length || (decisive && entry.path.length < decisive.path.length)) continue;
    if (entry.path.every((segment, i) => segment === '*' || segment === String(path[i]))) decisive = entry;
  }
  return decisive?.sensitive ?? false;
}

/**
 * Calls `visit` with every scalar (string, number, boolean) at a sensitive position of `doc`, as
 * text, and its path. `kind` defaults to the document's own. Mapping keys are not values: key
 * names of a Secret are shown by `pai get` and in messages.
 */
export function forEachSensitiveValue(doc: unknown, visit: (value: string, path: DocumentPath) => void, kind: unknown = kindOf(doc)): void {
  if (!hasSensitivePaths(kind)) return;
  const path: Array<string | number> = [];
  const walk = (node: unknown): void => {
    if (node === null || node === undefined) return;
    if (typeof node !== 'object') {
      if (isSensitivePath(kind, path)) visit(String(node), path);
      return;
    }
    const entries: Array<[string | number, unknown]> = Array.isArray(node) ? node.map((v, i) => [i, v]) : Object.entries(node);
    for (const [k, v] of entries) {
      path.push(k);
      walk(v);
      path.pop();
    }
  };
  walk(doc);
}

/** Every sensitive value of `doc` as text (see forEachSensitiveValue). */
export function sensitiveValues(doc: unknown, kind: unknown = kindOf(doc)): string[] {
  const out: string[] = [];
  forEachSensitiveValue(doc, (value) => out.push(value), kind);
  return out;
}

function kindOf(doc: unknown): unknown {
  return doc && typeof doc === 'object' ? (doc as Record<string, unknown>).kind : undefined;
}
