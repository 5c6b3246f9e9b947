import type { Diagnostic } from '../../api/diagnostic.js';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import type { Finding } from '../diagnostics/finding.js';
import { API_GROUP, API_VERSION, KINDS, kindInfo } from '../../api/kinds.js';
import type { RawDocument } from './parse-file.js';

/** A YAML document that is a pai.io/v1 manifest of a known kind. */
export interface ManifestDocument {
  /** Index of the document within its file (0-based), for locating nodes later. */
  index: number;
  manifest: Record<string, unknown>;
}

const KIND_NAMES = KINDS.map((k) => k.kind);

/**
 * Sorts a file's documents into pai manifests, foreign documents (skipped silently: repositories
 * hold CI workflows, Kubernetes manifests, pre-commit configs …) and broken pai documents.
 * A file counts as a pai file when at least one document in it is (or claims to be) pai's.
 */
export function classifyDocuments(documents: RawDocument[]): { manifests: ManifestDocument[]; findings: Finding<{ index: number }>[]; isPaiFile: boolean } {
  const manifests: ManifestDocument[] = [];
  // Problems with a document, by its index in the file: the loader adds the file, ranges come later.
  const findings: Finding<{ index: number }>[] = [];
  // A list of manifests is a mistake worth an error, not foreign YAML to skip: the user meant them checked.
  const looksPai = documents.map((d) => claimsPai(d.value) || (Array.isArray(d.value) && d.value.some(claimsPai)));
  const isPaiFile = looksPai.some(Boolean);
  documents.forEach((doc, i) => {
    const value = doc.value;
    const at = (pointer: string, target: 'key' | 'value', diagnostic: Diagnostic) => findings.push({ index: doc.index, pointer, target, diagnostic });
    if (value === null || value === undefined) {
      if (isPaiFile) at('', 'value', { code: 'empty-document', severity: 'warning', message: 'empty document', hint: 'remove the stray `---` or the empty document' });
      return;
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
      if (isPaiFile) {
        at('', 'value', {
          code: 'not-a-mapping',
          severity: 'error',
          message: `a pai manifest must be a mapping, not ${Array.isArray(value) ? 'a list' : 'a scalar'}`,
          ...(looksPai[i] ? { hint: 'write each manifest as a document of its own, separated by `---` lines, not as items of a list' } : {}),
        });
      }
      return;
    }
    if (!looksPai[i]) return;
    const obj = value as Record<string, unknown>;
    const apiVersion = obj.apiVersion;
    const kind = obj.kind;
    if (apiVersion === undefined) {
      at('', 'value', { code: 'missing-api-version', severity: 'error', message: 'document has no apiVersion', hint: `add "apiVersion: ${API_VERSION}"` });
      return;
    }
    if (apiVersion !== API_VERSION) {
      at('/apiVersion', 'value', { code: 'unknown-api-version', severity: 'error', message: `apiVersion "${String(apiVersion)}" is not supported`, hint: `this pai understands "${API_VERSION}"` });
      return;
    }
    if (kind === undefined) {
      at('', 'value', { code: 'missing-kind', severity: 'error', message: 'document has no kind', hint: `add one of: ${KIND_NAMES.join(', ')}` });
      return;
    }
    if (typeof kind !== 'string' || !kindInfo(kind)) {
      const guesses = didYouMean(String(kind), KIND_NAMES);
      at('/kind', 'value', {
        code: 'unknown-kind',
        severity: 'error',
        message: `kind "${String(kind)}" is not a ${API_VERSION} kind`,
        hint: guesses.length > 0 ? `did you mean "${guesses[0]}"?` : `use one of: ${KIND_NAMES.join(', ')}`,
      });
      return;
    }
    manifests.push({ index: doc.index, manifest: obj });
  });
  return { manifests, findings, isPaiFile };
}

/**
 * Whether a document is (or tries to be) a pai manifest: apiVersion in the pai.io group, or no
 * apiVersion but a pai kind or the manifest skeleton (metadata/spec). Anything else is foreign.
 */
function claimsPai(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const obj = value as Record<string, unknown>;
  if (typeof obj.apiVersion === 'string') return obj.apiVersion === API_GROUP || obj.apiVersion.startsWith(`${API_GROUP}/`);
  if (obj.apiVersion !== undefined) return false;
  if (typeof obj.kind === 'string') return kindInfo(obj.kind) !== undefined;
  return 'spec' in obj || ('metadata' in obj && !('kind' in obj));
}
