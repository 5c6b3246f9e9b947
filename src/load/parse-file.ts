import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { DiagnosticCode } from '../diagnostics/codes.js';
import { parseFastYaml } from './fast-yaml.js';
import { SourceFile, isYamlLoaded } from './source-file.js';

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
  if (fast) return { source, documents: fast.map((value, index) => ({ index, value })), diagnostics: [] };
  if (!isYamlLoaded()) return 'needs-yaml';
  const diagnostics: Diagnostic[] = [];
  const documents: RawDocument[] = [];
  let docs;
  try {
    docs = source.yamlDocuments();
  } catch (err) {
    // Only pathological input gets here (e.g. nesting deep enough to exhaust the stack).
    diagnostics.push(problem(source, 'yaml-syntax', `the file cannot be parsed: ${(err as Error).message}`, 0, 0));
    return { source, documents, diagnostics };
  }
  docs.forEach((doc, index) => {
    for (const e of doc.errors) {
      const code = yamlCode(e.code);
      const message = code === 'yaml-duplicate-key' ? `key ${keyAt(source.text, e.pos[0])} appears twice in this mapping` : firstLine(e.message);
      diagnostics.push(problem(source, code, message, e.pos[0], e.pos[1]));
    }
    if (doc.errors.length > 0) return;
    try {
      documents.push({ index, value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) });
    } catch (err) {
      const start = doc.contents?.range?.[0] ?? 0;
      const isAliasBomb = err instanceof ReferenceError || /alias/i.test(String((err as Error).message));
      diagnostics.push(
        isAliasBomb
          ? problem(source, 'yaml-alias-limit', `aliases expand to more than ${MAX_ALIAS_COUNT} nodes; the document was not expanded`, start, start, 'remove the aliases (pai manifests do not need anchors), or write the values out')
          : problem(source, 'yaml-syntax', firstLine((err as Error).message), start, start),
      );
    }
  });
  return { source, documents, diagnostics };
}

function yamlCode(code: string): DiagnosticCode {
  if (code === 'DUPLICATE_KEY') return 'yaml-duplicate-key';
  if (code === 'TAB_AS_INDENT') return 'yaml-tab-indent';
  return 'yaml-syntax';
}

function problem(source: SourceFile, code: DiagnosticCode, message: string, start: number, end: number, hint?: string): Diagnostic {
  const d: Diagnostic = { code, severity: 'error', message, range: source.rangeOf(start, Math.max(end, start + 1)) };
  if (code === 'yaml-tab-indent') d.hint = 'indent with spaces; YAML does not allow tabs for indentation';
  if (code === 'yaml-duplicate-key') d.hint = 'remove or rename one of the two keys';
  if (hint) d.hint = hint;
  return d;
}

/** The key text at an offset (up to its colon), quoted for a message. */
function keyAt(text: string, offset: number): string {
  const rest = text.slice(offset, offset + 200);
  const key = rest.split(/:(\s|$)/)[0]!.split('\n')[0]!.trim();
  return JSON.stringify(key);
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '');
}
