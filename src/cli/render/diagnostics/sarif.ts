import { DIAGNOSTIC_CODES, type DiagnosticCode } from '../../../api/diagnostic-codes.js';
import type { SourceRange } from '../../../api/diagnostic.js';
import type { RenderInput } from './types.js';
import { messageWithHint } from './wording.js';

/** The schema SARIF consumers expect in `$schema`. */
export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
/** Where each code is documented; rules link to `#<code>`. */
export const DIAGNOSTICS_DOC_URL = 'https://github.com/pai-dev/pai/blob/main/docs/diagnostics.md';
const INFORMATION_URI = 'https://github.com/pai-dev/pai';

/**
 * SARIF 2.1.0, for GitHub code scanning and other SARIF viewers: one run whose driver lists one
 * rule per code that occurs (sorted by id), and one result per diagnostic that has a place in a
 * file, located relative to %SRCROOT% (the checkout root, which the uploader supplies).
 *
 * Diagnostics without a range (e.g. a path on the command line that does not exist) cannot be
 * results: GitHub rejects the whole upload when any result lacks a location. They become
 * notifications of the invocation instead, which SARIF defines for conditions of the run itself;
 * an error-level one marks the run as failed (executionSuccessful: false), as the spec requires.
 */
export function renderSarif(input: RenderInput): string {
  const codes = [...new Set(input.diagnostics.map((d) => d.code))].sort();
  const ruleIndex = new Map(codes.map((code, i) => [code, i]));
  const located = input.diagnostics.filter((d) => d.range);
  const unlocated = input.diagnostics.filter((d) => !d.range);
  const invocation: Record<string, unknown> = { executionSuccessful: !unlocated.some((d) => d.severity === 'error') };
  if (unlocated.length > 0) {
    invocation.toolExecutionNotifications = unlocated.map((d) => ({
      level: d.severity,
      message: { text: messageWithHint(d, input.sensitiveValues) },
      associatedRule: { id: d.code, index: ruleIndex.get(d.code)! },
    }));
  }
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'pai', version: input.toolVersion, informationUri: INFORMATION_URI, rules: codes.map(rule) } },
        invocations: [invocation],
        // Our columns count UTF-16 code units (JavaScript string offsets); say so, as SARIF asks.
        columnKind: 'utf16CodeUnits',
        results: located.map((d) => ({
          ruleId: d.code,
          ruleIndex: ruleIndex.get(d.code)!,
          level: d.severity,
          message: { text: messageWithHint(d, input.sensitiveValues) },
          locations: [{ physicalLocation: physicalLocation(d.range!) }],
        })),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function rule(code: DiagnosticCode) {
  return { id: code, shortDescription: { text: DIAGNOSTIC_CODES[code].summary }, helpUri: `${DIAGNOSTICS_DOC_URL}#${code}` };
}

/** SARIF regions use the same conventions as SourceRange: 1-based, endColumn one past the end. */
function physicalLocation(range: SourceRange) {
  return {
    artifactLocation: sarifArtifactLocation(range.file),
    region: { startLine: range.line, startColumn: range.column, endLine: range.endLine, endColumn: range.endColumn },
  };
}

/**
 * A file as a SARIF artifact location. Paths are displayed relative to the working directory,
 * which in CI is the checkout root, hence %SRCROOT%; files outside it are shown absolute and
 * become file:// URIs. Backslashes become slashes (a Windows path), and each segment is
 * percent-encoded so that spaces, `#`, `%` or a `:` in the first segment keep the URI valid.
 */
export function sarifArtifactLocation(file: string): { uri: string; uriBaseId?: string } {
  const slashed = file.replace(/\\/g, '/');
  const drive = /^[A-Za-z]:\//.exec(slashed);
  if (drive || slashed.startsWith('/')) {
    const rest = drive ? slashed.slice(drive[0].length) : slashed.slice(1);
    return { uri: `file:///${drive ? drive[0] : ''}${encodeSegments(rest)}` };
  }
  return { uri: encodeSegments(slashed.replace(/^\.\//, '')), uriBaseId: '%SRCROOT%' };
}

function encodeSegments(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
