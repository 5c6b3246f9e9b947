import type { DiagnosticCode } from './diagnostic-codes.js';

/** How bad a diagnostic is. Warnings never change the exit code unless `--strict`. */
export type Severity = 'error' | 'warning';

/** A 1-based position range in a source file (end is inclusive of the last character's column + 1). */
export interface SourceRange {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** Identifies a resource independently of where it came from. */
export interface ResourceKey {
  kind: string;
  namespace: string;
  name: string;
}

/** One string per resource (`Kind/namespace/name`), for maps and sets of keys. */
export function keyId(k: ResourceKey): string {
  return `${k.kind}/${k.namespace}/${k.name}`;
}

/**
 * A problem found in the user's input. User errors are data, never exceptions:
 * every stage returns diagnostics and the renderers in `render/` turn them into text, JSON, SARIF …
 */
export interface Diagnostic {
  /** Stable, documented identifier (see codes.ts); tests assert on it, not on the message. */
  code: DiagnosticCode;
  severity: Severity;
  /** One sentence saying what is wrong. Never contains a secret value. */
  message: string;
  /** How to fix it, when there is something concrete to say (e.g. a did-you-mean). */
  hint?: string;
  /** Where it is; absent for problems that have no place in a file (e.g. a missing directory). */
  range?: SourceRange;
  /** JSON pointer of the offending node inside its document, e.g. `/spec/models/0`. */
  pointer?: string;
  /** The resource the problem belongs to, when known. */
  resource?: ResourceKey;
}

export function isError(d: Diagnostic): boolean {
  return d.severity === 'error';
}

/** Sorts diagnostics by file, then position, then code — the order every renderer prints. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => {
    const fa = a.range?.file ?? '';
    const fb = b.range?.file ?? '';
    if (fa !== fb) return fa < fb ? -1 : 1;
    const la = a.range?.line ?? 0;
    const lb = b.range?.line ?? 0;
    if (la !== lb) return la - lb;
    const ca = a.range?.column ?? 0;
    const cb = b.range?.column ?? 0;
    if (ca !== cb) return ca - cb;
    return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
  });
}

/** Counts for summaries ("2 errors, 1 warning"). */
export function countBySeverity(diagnostics: Diagnostic[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const d of diagnostics) {
    if (d.severity === 'error') errors++;
    else warnings++;
  }
  return { errors, warnings };
}
