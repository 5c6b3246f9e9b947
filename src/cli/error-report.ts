import { ControlPlaneError, ControlPlaneUnreachableError } from '../api/errors.js';
import type { Diagnostic, ResourceKey } from '../api/diagnostic.js';
import { redact, redactDeep } from './sensitive.js';
import { UserError } from '../lib/user-error.js';
import { parserSentence } from './usage.js';

/**
 * What the CLI says when a command fails: one sentence, optional detail lines (diagnostics),
 * and a hint saying what to do. The same report feeds the stderr text and the `--json` error.
 */
export interface ErrorReport {
  message: string;
  details: string[];
  hint?: string;
  /** HTTP status and reason when the control plane refused the call. */
  status?: number;
  reason?: string;
  diagnostics?: Diagnostic[];
  /** A delete refused (InUse): what still uses the resource. */
  dependents?: Array<ResourceKey & { pointer: string }>;
}

/** Where the command was talking to, so that messages can name the URL. */
export interface ErrorContext {
  server?: string;
}

/** Turns anything a command threw into a report. Never includes a stack trace. */
export function describeError(err: unknown, context: ErrorContext = {}): ErrorReport {
  if (err instanceof ControlPlaneUnreachableError) {
    return {
      message: err.message,
      details: [],
      hint: 'is the server running? Start a local one with `pai server`, or point pai at another with `pai login URL` (or PAI_SERVER)',
    };
  }
  if (err instanceof ControlPlaneError) return describeControlPlaneError(err, context);
  if (err instanceof UserError) return { message: err.message, details: err.details, ...(err.hint ? { hint: err.hint } : {}) };
  if (isOclifError(err)) {
    // Parse errors become UsageErrors in PaiCommand.parse; an oclif error thrown elsewhere reads the same.
    return { message: parserSentence(err.message), details: [], hint: 'see `--help` for the usage of this command' };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { message: `internal error: ${message}`, details: [], hint: 'this is a bug in pai; please report it (PAI_DEBUG=1 shows where it happened)' };
}

function describeControlPlaneError(err: ControlPlaneError, context: ErrorContext): ErrorReport {
  const base = { status: err.status, reason: err.reason, details: [] as string[] };
  const server = context.server ?? 'URL';
  const withHint = (message: string, fallbackHint: string): ErrorReport => ({ ...base, message, hint: err.hint ?? fallbackHint });
  switch (err.status) {
    case 401:
      if (err.reason === 'TokenExpired') return withHint(`the control plane at ${server} rejected the credential: ${err.message}`, 'ask an administrator for a new token');
      return { ...base, message: `the control plane at ${server} rejected the credential (${err.message})`, hint: `token rejected: run \`pai login ${server}\` again (or check PAI_TOKEN)` };
    case 403:
      if (err.reason === 'WrongCredentialKind') {
        return {
          ...base,
          message: 'the control plane API accepts only admin tokens (pai_tok_…), and the credential sent is not one',
          hint: `access keys (pak_…) are for the LLM gateway only; log in with an admin token: \`pai login ${server} --token pai_tok_…\``,
        };
      }
      return withHint(err.message, 'this credential may not do that; ask an administrator');
    case 404:
      return withHint(err.message, `check the name and the namespace (-n); \`pai get ${pluralOf(err.path) ?? 'KIND'}\` lists what exists`);
    case 409:
      if (err.reason === 'InUse') {
        return {
          ...base,
          message: err.message,
          details: err.dependents.map((d) => `used by ${d.kind.toLowerCase()}/${d.name} (${d.pointer})`),
          dependents: err.dependents,
          hint: 'change or delete those first, or delete it anyway with --force (they then fail at run time)',
        };
      }
      return err.reason === 'AlreadyExists'
        ? withHint(err.message, 'use `pai apply -f FILE` to update it, or delete it first')
        : withHint(err.message, 'it changed since it was read; read it again and retry');
    case 413:
      return withHint('the request is larger than the control plane accepts (1 MiB)', 'split the input into smaller files and apply them one by one');
    case 422: {
      const diagnostics = err.diagnostics;
      return {
        ...base,
        message: err.message,
        details: diagnostics.flatMap((d) => [formatDiagnostic(d), ...(d.hint ? [`  ${d.hint}`] : [])]),
        diagnostics,
        hint: err.hint ?? '`pai validate FILE` reports the same problems offline, with line numbers',
      };
    }
    case 500:
      return withHint(err.message, 'this is a bug in the control plane; its log has the details');
    case 502:
    case 503:
    case 504:
      return withHint(`the control plane at ${server} is unavailable (HTTP ${err.status})`, 'it may be starting or overloaded; try again in a moment');
    default:
      return withHint(err.message, 'see `--help` for the usage of this command');
  }
}

/** `code: message (pointer)`, as 422 details are printed. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.code}: ${d.message}${d.pointer ? ` (${d.pointer})` : ''}`;
}

/** The stderr text of a report: `Error: …`, indented details, `Hint: …`; secrets redacted. */
export function formatErrorReport(report: ErrorReport): string {
  const lines = [`Error: ${report.message}`, ...report.details.map((d) => `  ${d}`)];
  if (report.hint) lines.push(`Hint: ${report.hint}`);
  return redact(lines.join('\n')) + '\n';
}

/** The `--json` error payload; secrets redacted. */
export function errorJson(report: ErrorReport): unknown {
  const payload = {
    formatVersion: 1,
    error: {
      message: report.message,
      ...(report.hint ? { hint: report.hint } : {}),
      ...(report.status !== undefined ? { status: report.status } : {}),
      ...(report.reason ? { reason: report.reason } : {}),
      ...(report.diagnostics?.length ? { diagnostics: report.diagnostics } : {}),
      ...(report.dependents?.length ? { dependents: report.dependents } : {}),
    },
  };
  return redactDeep(payload);
}

function isOclifError(err: unknown): err is Error & { oclif: unknown } {
  return err instanceof Error && typeof (err as { oclif?: unknown }).oclif === 'object';
}

function pluralOf(path: string): string | undefined {
  return /^\/v1\/(?:namespaces\/[^/]+\/)?([a-z]+)/.exec(path)?.[1];
}
