import type { ControlPlane } from '../api/control-plane.js';
import { ControlPlaneError } from '../api/errors.js';
import { runImperative, type ImperativeMode, type ImperativeOutcome, type ImperativeResult } from '../compiler/apply/imperative.js';
import { DEFAULT_NAMESPACE } from '../api/kinds.js';
import { describeError, formatErrorReport, type ErrorReport } from './error-report.js';
import { readStdin } from './read-input.js';
import { readManifests } from './read-manifests.js';
import { UserError } from '../lib/user-error.js';

/** One document in the `--json` payload of `pai apply -f` / `pai create -f`. */
export interface ImperativeResultJson {
  ref: string;
  namespace: string;
  source: string;
  outcome?: ImperativeOutcome;
  error?: Omit<ErrorReport, 'details'>;
}

/** The `--json` payload of `pai apply -f` / `pai create -f`. */
export interface ImperativeRunResult {
  formatVersion: 1;
  results: ImperativeResultJson[];
  failed: number;
}

/** What the command hands over: where to write, and how to get a client once input is read. */
export interface ImperativeRunIO {
  connect: () => ControlPlane;
  print: (text: string) => void;
  printError: (text: string) => void;
  server?: () => string | undefined;
}

/**
 * `pai apply -f` / `pai create -f` from the command line's point of view: read every input
 * first (nothing is sent if any of it is broken), then write document by document, printing
 * `modelprovider/nvidia created` lines to stdout and each failure, with its hint, to stderr.
 */
export async function runImperativeFromFiles(filenames: readonly string[] | undefined, mode: ImperativeMode, io: ImperativeRunIO): Promise<ImperativeRunResult> {
  if (!filenames || filenames.length === 0) {
    throw new UserError(`pai ${mode} needs -f FILE, -f DIR or -f - (stdin)`, `e.g. \`pai ${mode} -f model-provider.yaml\``);
  }
  const documents = await readManifests(filenames, () => readStdin());
  const client = io.connect();
  const results = await runImperative(client, documents, mode, (result) => {
    if (result.outcome) io.print(`${result.ref} ${result.outcome}${where(result)}\n`);
    else io.printError(formatErrorReport(failureReport(result, mode, io.server?.())));
  });
  const json = results.map((r) => toJson(r, mode, io.server?.()));
  return { formatVersion: 1, results: json, failed: json.filter((r) => r.error).length };
}

function where(result: ImperativeResult): string {
  return result.namespace === DEFAULT_NAMESPACE ? '' : ` in namespace ${result.namespace}`;
}

function failureReport(result: ImperativeResult, mode: ImperativeMode, server: string | undefined): ErrorReport {
  const report = describeError(result.error, server ? { server } : {});
  const alreadyExists = result.error instanceof ControlPlaneError && result.error.reason === 'AlreadyExists';
  return {
    ...report,
    message: `${result.ref}${where(result)} (${result.source}): ${report.message}`,
    ...(mode === 'create' && alreadyExists ? { hint: `use \`pai apply -f ${result.source.replace(/:\d+$/, '')}\` to update it` } : {}),
  };
}

function toJson(result: ImperativeResult, mode: ImperativeMode, server: string | undefined): ImperativeResultJson {
  const base = { ref: result.ref, namespace: result.namespace, source: result.source };
  if (result.outcome) return { ...base, outcome: result.outcome };
  const { details: _details, ...error } = failureReport(result, mode, server);
  return { ...base, error };
}
