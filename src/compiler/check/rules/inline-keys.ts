import { CREDENTIAL_PREFIX, detectApiKey } from '../../../api/redact.js';
import { toPointer } from '../../../api/json-pointer.js';
import { hasSensitivePaths, isSensitivePath } from '../../../api/sensitive-fields.js';
import type { Finding } from '../../diagnostics/finding.js';

/**
 * Whether YAML text can hold an inline key at all: some credential prefix appears in it, or a
 * backslash (a double-quoted escape could spell one out). When not, walking the strings of the
 * manifests read from it finds nothing, and the compiler skips that walk (10,000 manifests).
 */
export function textMayHoldKey(text: string): boolean {
  return CREDENTIAL_PREFIX.test(text) || text.includes('\\');
}

/**
 * An API key pasted into a manifest ends up in git history. Every string is scanned except those
 * at sensitive positions (a Secret's values: that is where credentials belong). The message never
 * repeats the key.
 */
export function inlineApiKeys(manifest: Record<string, unknown>): Finding[] {
  const findings: Finding[] = [];
  const kind = manifest.kind;
  const hasSecrets = hasSensitivePaths(kind);
  // One mutable path, pushed and popped: this walks every string of every manifest, so it must
  // not allocate a path per node (10,000 manifests).
  const path: Array<string | number> = [];
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      const what = value.length >= 12 && CREDENTIAL_PREFIX.test(value) ? detectApiKey(value) : undefined;
      if (what && !(hasSecrets && isSensitivePath(kind, path))) {
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
        path.push(k);
        visit((value as Record<string, unknown>)[k]);
        path.pop();
      }
    }
  };
  visit(manifest);
  return findings;
}
