import type { Diagnostic } from '../../api/diagnostic.js';

/**
 * A diagnostic at a node of a YAML document, not yet located in its file. Every stage names the
 * node by JSON pointer; `locateFindings` (load/locate.ts) turns pointers into lines and columns at
 * the end, so that positions are computed only for files that have problems, and the server (which
 * has no files) reports the pointer itself.
 *
 * `Where` is what the producer knows of the document the node is in: nothing (a rule that looks at
 * one manifest), `{ resource: R }` (the cross-resource checks), `{ index: number }` (a document of
 * a file being classified), `{ source: SourceFile; index: number }` (ready to be located).
 * It is a parameter, not fields of this type, so that this module imports nothing from the stages
 * that use it: the server imports the checks, and must not depend on the file loader.
 */
export type Finding<Where extends object = object> = Where & {
  diagnostic: Diagnostic;
  /** JSON pointer of the node within its document; '' is the document itself. */
  pointer: string;
  /** Whether the range covers the node's key (a property that should not be there) or its value. */
  target: 'key' | 'value';
};
