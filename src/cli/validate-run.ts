import { isatty } from 'node:tty';
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
}

/** Runs the compiler and renders its diagnostics. Returns the text to print and the exit code. */
export async function runValidate(req: ValidateRequest): Promise<{ output: string; exitCode: number }> {
  const result = await compile({ paths: req.paths, ...(req.cwd ? { cwd: req.cwd } : {}) });
  const { errors, warnings } = countBySeverity(result.diagnostics);
  const failed = errors > 0 || (req.strict && warnings > 0);
  return { output: renderCompileResult(result, req.format, { color: req.color, now: req.now }), exitCode: failed ? 1 : 0 };
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
    sourceLine: (file, line) => sourceByFile.get(file)?.line(line),
    color: opts.color ?? (isatty(1) && !process.env.NO_COLOR),
    toolVersion: VERSION,
    ...(catalogNote ? { catalogNote } : {}),
  });
}
