import path from 'node:path';
import { compile, type CompileResult } from '../compile.js';
import { catalogAgeDays } from '../catalog/catalog.js';
import { countBySeverity } from '../diagnostics/diagnostic.js';
import { renderDiagnostics, type DiagnosticFormat } from '../render/diagnostics/index.js';
import { VERSION } from './version.js';

/** What `pai validate` was asked to do; shared by the oclif command and the fast entry point. */
export interface ValidateRequest {
  paths: string[];
  format: DiagnosticFormat;
  strict: boolean;
  color?: boolean;
  cwd?: string;
  now?: Date;
  /** Show only problems in files changed since this git ref (`--changed --base REF`). */
  changedBase?: string;
}

/** Runs the compiler and renders its diagnostics. Returns the text to print and the exit code. */
export async function runValidate(req: ValidateRequest): Promise<{ output: string; exitCode: number; note: string }> {
  const cwd = req.cwd ?? process.cwd();
  const result = await compile({ paths: req.paths, cwd });
  const { errors, warnings } = countBySeverity(result.diagnostics);
  // The exit status always counts every problem; --changed only narrows what is shown.
  const failed = errors > 0 || (req.strict && warnings > 0);
  let note = '';
  if (req.changedBase) {
    // Loaded only when asked for: the pre-commit path stays free of git.
    const { changedSince } = await import('../git/changed.js');
    const changed = await changedSince(req.changedBase, cwd);
    const shown = result.diagnostics.filter((d) => !d.range || changed.has(path.resolve(cwd, d.range.file)));
    const hidden = result.diagnostics.length - shown.length;
    if (hidden > 0) note = `${hidden} more problem${hidden === 1 ? '' : 's'} in files not changed since ${req.changedBase} (run without --changed to see them)\n`;
    result.diagnostics = shown;
  }
  return { output: renderCompileResult(result, req.format, { color: req.color, now: req.now }), exitCode: failed ? 1 : 0, note };
}

/** Renders a compile result's diagnostics (also used by plan and apply before they go on). */
export function renderCompileResult(result: CompileResult, format: DiagnosticFormat, opts: { color?: boolean | undefined; now?: Date | undefined } = {}): string {
  const sourceByFile = new Map(result.sources.map((s) => [s.path, s]));
  const now = opts.now ?? new Date();
  const catalogNote = result.catalogs.length
    ? 'model catalogue: ' +
      result.catalogs
        .map((c) => `${c.provider} ${c.source === 'cache' ? `refreshed ${c.fetchedAt?.slice(0, 10)}` : `snapshot of ${c.snapshotDate}`} (${catalogAgeDays(c, now)} days old)`)
        .join(', ')
    : undefined;
  return renderDiagnostics(format, {
    diagnostics: result.diagnostics,
    filesChecked: result.filesChecked,
    resourcesChecked: result.resources.length,
    sourceLine: (file, line) => sourceByFile.get(file)?.maskedLine(line),
    sensitiveValues: result.sensitiveValues,
    color: opts.color ?? (process.stdout.isTTY === true && !process.env.NO_COLOR),
    toolVersion: VERSION,
    ...(catalogNote ? { catalogNote } : {}),
  });
}
