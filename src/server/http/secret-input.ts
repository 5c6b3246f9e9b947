import type { Diagnostic } from '../../api/diagnostic.js';
import type { SecretValues } from '../store/secret-box.js';

const VALUE_FIELDS = ['stringData', 'data'] as const;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The values of a (schema-valid) Secret and the spec without them. */
export interface SplitSecret {
  spec: Record<string, unknown>;
  values: SecretValues;
  diagnostics: Diagnostic[];
}

/**
 * Takes the values out of a Secret's spec: `data` (base64) decoded to bytes, `stringData` as UTF-8,
 * `stringData` winning where both name a key (as in Kubernetes). Invalid base64 is a diagnostic
 * that names the key, never the value.
 */
export function splitSecretSpec(spec: Record<string, unknown>): SplitSecret {
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(spec)) if (!(VALUE_FIELDS as readonly string[]).includes(k)) rest[k] = v;
  const values: SecretValues = new Map();
  const diagnostics: Diagnostic[] = [];
  for (const [key, value] of entriesOf(spec.data)) {
    if (typeof value !== 'string' || !BASE64.test(value)) {
      diagnostics.push({
        code: 'schema-format',
        severity: 'error',
        message: `spec.data.${key} is not valid base64 (value not shown)`,
        hint: 'put plain text under spec.stringData instead, or base64-encode the value',
        pointer: `/spec/data/${escapePointer(key)}`,
      });
      continue;
    }
    values.set(key, Buffer.from(value, 'base64'));
  }
  for (const [key, value] of entriesOf(spec.stringData)) {
    if (typeof value === 'string') values.set(key, Buffer.from(value, 'utf8'));
    else {
      diagnostics.push({
        code: 'schema-type',
        severity: 'error',
        message: `spec.stringData.${key} must be a string`,
        hint: 'quote the value',
        pointer: `/spec/stringData/${escapePointer(key)}`,
      });
    }
  }
  return { spec: rest, values, diagnostics };
}

function entriesOf(value: unknown): Array<[string, unknown]> {
  return value && typeof value === 'object' && !Array.isArray(value) ? Object.entries(value) : [];
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
