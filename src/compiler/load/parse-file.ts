import type { Diagnostic } from '../../api/diagnostic.js';
import { parseFastYaml } from './fast-yaml.js';
import { SourceFile, isYamlLoaded } from './source-file.js';
import { firstLine, yamlErrorDiagnostics, yamlProblem } from './yaml-errors.js';

/** Aliases a document may expand before we call it a "billion laughs" attack (yaml's default). */
const MAX_ALIAS_COUNT = 100;

/** A YAML document of a file, before we know whether it is a pai manifest. */
export interface RawDocument {
  index: number;
  value: unknown;
}

export interface ParsedFile {
  source: SourceFile;
  documents: RawDocument[];
  diagnostics: Diagnostic[];
}

/**
 * Parses a file's documents. Tries the fast subset parser first; anything it is not sure about goes
 * through the yaml package, which also produces the syntax diagnostics. Never throws.
 * Answers 'needs-yaml' when the fast path failed and the yaml package is not loaded yet: the
 * caller awaits `loadYaml()` once and calls again (keeping the module out of the fast path).
 */
export function parseFile(source: SourceFile): ParsedFile | 'needs-yaml' {
  const fast = parseFastYaml(source.text);
  if (fast) {
    source.fastParsed = true;
    return { source, documents: fast.map((value, index) => ({ index, value })), diagnostics: [] };
  }
  if (!isYamlLoaded()) return 'needs-yaml';
  const diagnostics: Diagnostic[] = [];
  const documents: RawDocument[] = [];
  let docs;
  try {
    docs = source.yamlDocuments();
  } catch (err) {
    // Only pathological input gets here (e.g. nesting deep enough to exhaust the stack).
    diagnostics.push(yamlProblem(source, 'yaml-syntax', `the file cannot be parsed: ${(err as Error).message}`, 0, 0));
    return { source, documents, diagnostics };
  }
  docs.forEach((doc, index) => {
    diagnostics.push(...yamlErrorDiagnostics(source, doc.errors, doc.range[0]));
    if (doc.errors.length > 0) return;
    try {
      documents.push({ index, value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) });
    } catch (err) {
      const start = doc.contents?.range?.[0] ?? 0;
      const isAliasBomb = err instanceof ReferenceError || /alias/i.test(String((err as Error).message));
      diagnostics.push(
        isAliasBomb
          ? yamlProblem(source, 'yaml-alias-limit', `aliases expand to more than ${MAX_ALIAS_COUNT} nodes; the document was not expanded`, start, start, 'remove the aliases (pai manifests do not need anchors), or write the values out')
          : yamlProblem(source, 'yaml-syntax', firstLine((err as Error).message), start, start),
      );
    }
  });
  return { source, documents, diagnostics };
}
