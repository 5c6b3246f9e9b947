import { countBySeverity, type Diagnostic, type ResourceKey, type Severity } from '../../../api/diagnostic.js';
import type { DiagnosticCode } from '../../../api/diagnostic-codes.js';
import { maskText } from '../../../api/redact.js';
import type { RenderInput } from './types.js';

/**
 * Version of the `--format json` payload. Bump it when a field changes meaning or disappears;
 * adding an optional field is compatible. The shape is pinned by
 * schemas/output/validate-result.schema.json, which a test validates the output against.
 */
export const JSON_FORMAT_VERSION = 1;

/** One diagnostic, flattened: the range's fields sit beside the code so `jq` filters stay short. */
export interface JsonDiagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  hint?: string;
  file?: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  pointer?: string;
  resource?: ResourceKey;
}

/** The whole `pai validate --format json` document. */
export interface ValidateResultJson {
  formatVersion: typeof JSON_FORMAT_VERSION;
  tool: { name: 'pai'; version: string };
  summary: { errors: number; warnings: number; files: number; resources: number };
  diagnostics: JsonDiagnostic[];
}

/**
 * Flattens a Diagnostic, leaving out absent fields (never `null`) and fixing the key order.
 * Message and hint pass through maskText, like every other format.
 */
export function toJsonDiagnostic(d: Diagnostic, sensitiveValues: readonly string[] = []): JsonDiagnostic {
  const out: JsonDiagnostic = { code: d.code, severity: d.severity, message: maskText(d.message, sensitiveValues) };
  if (d.hint !== undefined) out.hint = maskText(d.hint, sensitiveValues);
  if (d.range) {
    out.file = d.range.file;
    out.line = d.range.line;
    out.column = d.range.column;
    out.endLine = d.range.endLine;
    out.endColumn = d.range.endColumn;
  }
  if (d.pointer !== undefined) out.pointer = d.pointer;
  if (d.resource) out.resource = { kind: d.resource.kind, namespace: d.resource.namespace, name: d.resource.name };
  return out;
}

/**
 * The machine format: one JSON document (2-space indent, trailing newline) with a format
 * version, the tool, counts and the diagnostics in the caller's order. Colour and the catalogue
 * note are for humans and are left out.
 */
export function renderJson(input: RenderInput): string {
  const { errors, warnings } = countBySeverity(input.diagnostics);
  const result: ValidateResultJson = {
    formatVersion: JSON_FORMAT_VERSION,
    tool: { name: 'pai', version: input.toolVersion },
    summary: { errors, warnings, files: input.filesChecked, resources: input.resourcesChecked },
    diagnostics: input.diagnostics.map((d) => toJsonDiagnostic(d, input.sensitiveValues)),
  };
  return JSON.stringify(result, null, 2) + '\n';
}
