import { statSync } from 'node:fs';
import path from 'node:path';
import { compile, type CompileResult } from '../compiler/compile.js';
import { catalogAgeDays } from '../compiler/catalog/catalog.js';
import { countBySeverity } from '../api/diagnostic.js';
import { gitTopLevel } from './git/repo.js';
import { displayPath } from '../compiler/load/walk.js';
import { renderDiagnostics, type DiagnosticFormat } from './render/diagnostics/index.js';
import { VERSION } from './version.js';
import { useColor } from './color.js';

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
  /** The configuration named files belong to (`--root`); default: their git top level. */
  root?: string;
}

/** Runs the compiler and renders its diagnostics. Returns the text to print and the exit code. */
export async function runValidate(req: ValidateRequest): Promise<{ output: string; exitCode: number; note: string }> {
  const { result, ok, note } = await validateConfiguration(req);
  return { output: renderCompileResult(result, req.format, { color: req.color, now: req.now }), exitCode: ok ? 0 : 1, note };
}

/**
 * What `pai validate` finds, as data (the library's `validate`): the compile result with only the
 * problems of the files asked about, whether it passes, and a note on what was left out.
 */
export async function validateConfiguration(req: Omit<ValidateRequest, 'format' | 'color'>): Promise<{ result: CompileResult; ok: boolean; note: string }> {
  const cwd = req.cwd ?? process.cwd();
  const scope = configurationScope(req.paths, cwd, req.root);
  const result = await compile({ paths: scope.read, cwd });
  let note = '';
  if (scope.named) {
    const named = scope.named;
    const shown = result.diagnostics.filter((d) => !d.range || named(path.resolve(cwd, d.range.file)));
    const elsewhere = result.diagnostics.length - shown.length;
    if (elsewhere > 0) note += `${elsewhere} more problem${elsewhere === 1 ? '' : 's'} in other files of the configuration in ${displayPath(scope.root, cwd) || '.'} (run pai validate there to see them)\n`;
    result.diagnostics = shown;
  }
  const { errors, warnings } = countBySeverity(result.diagnostics);
  // The exit status counts every problem shown (all of the named files'); --changed only narrows what is shown.
  const failed = errors > 0 || (req.strict && warnings > 0);
  if (req.changedBase) {
    // Loaded only when asked for: the pre-commit path stays free of git.
    const { changedSince } = await import('./git/changed.js');
    const changed = await changedSince(req.changedBase, cwd);
    const shown = result.diagnostics.filter((d) => !d.range || changed.has(path.resolve(cwd, d.range.file)));
    const hidden = result.diagnostics.length - shown.length;
    if (hidden > 0) note += `${hidden} more problem${hidden === 1 ? '' : 's'} in files not changed since ${req.changedBase} (run without --changed to see them)\n`;
    result.diagnostics = shown;
  }
  return { result, ok: !failed, note };
}

/**
 * What to read and what to report. Directories are configurations of their own; files named on
 * the command line (pre-commit passes the staged ones) belong to a configuration too — `--root`,
 * else their git top level — which is read whole, so that references into files not named
 * resolve, while only the named files' problems are reported. Outside git, without --root, the
 * named files are all there is.
 */
function configurationScope(paths: string[], cwd: string, rootFlag: string | undefined): { read: string[]; root: string; named?: (abs: string) => boolean } {
  const abs = paths.map((p) => path.resolve(cwd, p));
  const firstFile = abs.find((p) => isFile(p));
  const root = rootFlag !== undefined ? path.resolve(cwd, rootFlag) : firstFile ? gitTopLevel(path.dirname(firstFile)) : undefined;
  if (!root) return { read: paths, root: cwd };
  if (paths.length === 0) return { read: [root], root };
  const dirs = abs.filter((p) => !isFile(p)).map((p) => p + path.sep);
  const files = new Set(abs);
  return { read: [root, ...paths], root, named: (file) => files.has(file) || dirs.some((d) => file.startsWith(d)) };
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
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
    color: useColor(process.stdout, opts.color),
    toolVersion: VERSION,
    ...(catalogNote ? { catalogNote } : {}),
  });
}
