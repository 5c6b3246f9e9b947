import { detectApiKey } from '../../diagnostics/redact.js';
import { toPointer } from '../../load/source-file.js';
import type { LocalFinding } from '../types.js';

/** A cheap pre-filter: every credential pattern starts with one of these prefixes. */
const KEY_PREFIX = /sk-|nvapi-|pak_|pai_tok_|AIza|gh[pousr]_/;
function mayHoldKey(value: string): boolean {
  return KEY_PREFIX.test(value);
}

/**
 * Whether YAML text can hold an inline key at all: some credential prefix appears in it, or a
 * backslash (a double-quoted escape could spell one out). When not, walking the strings of the
 * manifests read from it finds nothing, and the compiler skips that walk (10,000 manifests).
 */
export function textMayHoldKey(text: string): boolean {
  return KEY_PREFIX.test(text) || text.includes('\\');
}

/**
 * An API key pasted into a manifest ends up in git history. Every string is scanned except the
 * values of a Secret (that is where credentials belong). The message never repeats the key.
 */
export function inlineApiKeys(manifest: Record<string, unknown>): LocalFinding[] {
  const findings: LocalFinding[] = [];
  const isSecret = manifest.kind === 'Secret';
  // One mutable path, pushed and popped: this walks every string of every manifest, so it must
  // not allocate a path per node (10,000 manifests).
  const path: Array<string | number> = [];
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      const what = value.length >= 12 && mayHoldKey(value) ? detectApiKey(value) : undefined;
      if (what) {
        findings.push({
          pointer: toPointer(path),
          target: 'value',
          diagnostic: {
            code: 'inline-api-key',
            severity: 'error',
            message: `${what} is written inline here (value not shown)`,
            hint: 'store it with `pai create secret NAME --from-literal api-key=…` and reference it with apiKeySecretRef/secretRef; rotate the key if it was committed',
          },
        });
      }
      return;
    }
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        visit(value[i]);
        path.pop();
      }
    } else if (value && typeof value === 'object') {
      for (const k in value) {
        if (isSecret && path.length === 1 && path[0] === 'spec' && (k === 'stringData' || k === 'data')) continue;
        path.push(k);
        visit((value as Record<string, unknown>)[k]);
        path.pop();
      }
    }
  };
  visit(manifest);
  return findings;
}
