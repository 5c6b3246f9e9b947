import { countBySeverity, type Diagnostic } from '../../../api/diagnostic.js';
import { maskText } from '../../../api/redact.js';
import type { RenderInput } from './types.js';

/** "1 error", "2 errors": counts in summaries read as English. */
export function pluralize(count: number, singular: string, plural = singular + 's'): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

/**
 * The one-line verdict shared by the text and github formats, without decoration:
 * "2 errors, 1 warning in 14 files (31 resources)" or "14 files, 31 resources: no problems".
 * Zero counts are left out ("1 warning in …") so the line says only what happened.
 */
export function problemSummary(input: RenderInput): { errors: number; warnings: number; text: string } {
  const { errors, warnings } = countBySeverity(input.diagnostics);
  const files = pluralize(input.filesChecked, 'file');
  const resources = pluralize(input.resourcesChecked, 'resource');
  if (errors === 0 && warnings === 0) return { errors, warnings, text: `${files}, ${resources}: no problems` };
  const problems = [errors > 0 ? pluralize(errors, 'error') : '', warnings > 0 ? pluralize(warnings, 'warning') : ''].filter(Boolean).join(', ');
  return { errors, warnings, text: `${problems} in ${files} (${resources})` };
}

/**
 * The message with its hint in parentheses, for formats that have a single text field per
 * problem (GitHub annotations, SARIF results): `model "x" is unknown (did you mean "y"?)`.
 * Secret values and anything that looks like a credential are masked (maskText).
 */
export function messageWithHint(d: Diagnostic, sensitiveValues: readonly string[] = []): string {
  return maskText(d.hint ? `${d.message} (${d.hint})` : d.message, sensitiveValues);
}
