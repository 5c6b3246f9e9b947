/**
 * Renderers for `pai validate` output. Like spectral's formatters, each format is one small pure
 * function in its own file, picked by one switch; renderers never print, never read files and
 * never decide the exit code (the caller does, from the same diagnostics).
 */
import { renderGithub } from './github.js';
import { renderJson } from './json.js';
import { renderSarif } from './sarif.js';
import { renderText } from './text.js';
import type { DiagnosticFormat, DiagnosticRenderer, RenderInput } from './types.js';

export type { DiagnosticFormat, DiagnosticRenderer, RenderInput } from './types.js';
export { renderGithub, escapeGithubData, escapeGithubProperty } from './github.js';
export { renderJson, toJsonDiagnostic, JSON_FORMAT_VERSION, type ValidateResultJson, type JsonDiagnostic } from './json.js';
export { renderSarif, SARIF_SCHEMA_URI, DIAGNOSTICS_DOC_URL } from './sarif.js';
export { renderText } from './text.js';

const RENDERERS: Record<DiagnosticFormat, DiagnosticRenderer> = {
  text: renderText,
  json: renderJson,
  github: renderGithub,
  sarif: renderSarif,
};

/** The valid values of `--format`, in the order help and error messages list them. */
export const DIAGNOSTIC_FORMATS: readonly DiagnosticFormat[] = Object.freeze(['text', 'json', 'github', 'sarif']);

/** Renders the diagnostics in the given format; the result always ends with a newline. */
export function renderDiagnostics(format: DiagnosticFormat, input: RenderInput): string {
  return RENDERERS[format](input);
}

/**
 * Recognises a `--format` value (exact, lower-case). Returns undefined for anything else so the
 * caller can build its own error message listing DIAGNOSTIC_FORMATS.
 */
export function parseDiagnosticFormat(value: string): DiagnosticFormat | undefined {
  return (DIAGNOSTIC_FORMATS as readonly string[]).includes(value) ? (value as DiagnosticFormat) : undefined;
}
