import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Finding } from './load.js';
import { loadYaml } from './source-file.js';

/**
 * Gives every finding its source range (file, line, column) and returns plain diagnostics.
 * Loads the yaml package only when some finding needs a position.
 */
export async function locateFindings(findings: Finding[]): Promise<Diagnostic[]> {
  if (findings.some((f) => f.source && f.pointer !== undefined)) await loadYaml();
  return findings.map((f) => {
    if (!f.source || f.pointer === undefined || f.index === undefined) return f.diagnostic;
    const range = f.source.locate(f.index, f.pointer, f.target ?? 'value');
    return { ...f.diagnostic, range, pointer: f.diagnostic.pointer ?? (f.pointer || undefined) };
  });
}
