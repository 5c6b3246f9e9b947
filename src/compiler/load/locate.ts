import type { Diagnostic, SourceRange } from '../../api/diagnostic.js';
import type { Finding } from '../diagnostics/finding.js';
import { loadYaml, type SourceFile } from './source-file.js';

/**
 * Gives every finding its source range (file, line, column) and returns plain diagnostics.
 * Positions come from what the fast parser recorded while reading; the yaml package is loaded
 * only for findings in files it left to yaml (or in an empty document, which only yaml places).
 */
export async function locateFindings(findings: Finding<{ source: SourceFile; index: number }>[]): Promise<Diagnostic[]> {
  const out: Diagnostic[] = new Array<Diagnostic>(findings.length);
  const needYaml: number[] = [];
  findings.forEach((f, i) => {
    const range = f.source.locateRecorded(f.index, f.pointer, f.target);
    if (range) out[i] = located(f, range);
    else needYaml.push(i);
  });
  if (needYaml.length > 0) {
    await loadYaml();
    for (const i of needYaml) {
      const f = findings[i]!;
      out[i] = located(f, f.source.locateWithYaml(f.index, f.pointer, f.target));
    }
  }
  return out;
}

function located(f: Finding, range: SourceRange): Diagnostic {
  return { ...f.diagnostic, range, pointer: f.diagnostic.pointer ?? (f.pointer || undefined) };
}
