import type { Diagnostic } from '../../../api/diagnostic.js';

/** The output formats of `pai validate --format`. */
export type DiagnosticFormat = 'text' | 'json' | 'github' | 'sarif';

/**
 * Everything a diagnostics renderer needs, as plain data: renderers are pure functions of it
 * (no I/O, no environment), so each format is tested from a JSON file of diagnostics.
 */
export interface RenderInput {
  /** Already sorted by the caller (sortDiagnostics): renderers print in the order given. */
  diagnostics: Diagnostic[];
  /** Number of files read. */
  filesChecked: number;
  /** Number of pai documents validated. */
  resourcesChecked: number;
  /** Returns a source line (1-based) for the caret display; undefined if unknown. */
  sourceLine?: (file: string, line: number) => SourceLine | string | undefined;
  /**
   * Values known to be secret by their position in the input (resources/sensitive-fields.ts),
   * whatever they look like: masked wherever they occur in a message or hint.
   */
  sensitiveValues?: readonly string[];
  /** ANSI colours (text only); the CLI passes true on a TTY unless NO_COLOR. */
  color: boolean;
  toolVersion: string;
  /** e.g. "model catalogue: snapshot of 2026-07-02 (146 days old)"; shown by the text format. */
  catalogNote?: string;
}

/** A source line and where secret values sit on it, which the excerpt replaces with a placeholder. */
export interface SourceLine {
  text: string;
  /** 0-based [start, end) columns (UTF-16 code units) of secret values on this line. */
  masked: ReadonlyArray<readonly [number, number]>;
}

/** A renderer: one pure function per format. */
export type DiagnosticRenderer = (input: RenderInput) => string;
