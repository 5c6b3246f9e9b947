import type { Document, Node as YamlNode } from 'yaml';
import { parsePointer } from '../../api/json-pointer.js';
import type { SourceRange } from '../../api/diagnostic.js';
import { mayHoldSensitiveKind } from '../../api/sensitive-fields.js';
import { findSensitiveSource, type SensitiveSource } from './sensitive-source.js';
import { locateRecorded } from './fast-yaml/locate.js';
import type { NodePositions } from './fast-yaml/positions.js';
import { parseFastYamlLocated } from './fast-yaml.js';

/** The yaml package, loaded only when needed: the fast path never pays for it. */
export type YamlModule = typeof import('yaml');
let yamlModule: YamlModule | undefined;
export async function loadYaml(): Promise<YamlModule> {
  yamlModule ??= await import('yaml');
  return yamlModule;
}
export function isYamlLoaded(): boolean {
  return yamlModule !== undefined;
}
/** Synchronous access once `loadYaml()` has resolved (see compile.ts, which awaits it when needed). */
export function yamlSync(): YamlModule {
  if (!yamlModule) throw new Error('bug: yaml module used before loadYaml()');
  return yamlModule;
}

/** Whether a location should point at a mapping key or at its value. */
export type LocateTarget = 'key' | 'value';

/**
 * One file's text, with what it takes to turn offsets and JSON pointers into line/column ranges:
 * the node positions the fast parser recorded, or — for files it left to the yaml package — that
 * package's AST.
 */
export class SourceFile {
  private lineStarts: number[] | undefined;
  private documents: Document.Parsed[] | undefined;
  private documentStarts: number[] | undefined;
  private sensitive: SensitiveSource | undefined;
  /** The fast parser read this file (else the yaml package did): it can also say where its nodes are. */
  fastParsed = false;
  /** Node positions from the fast parser, recorded on the first `locateRecorded` (null: it bailed). */
  private recorded: NodePositions | null | undefined;

  constructor(
    /** Path as displayed (relative to the working directory). */
    readonly path: string,
    readonly text: string,
  ) {}

  /** Documents as parsed by the yaml package, for positions. Requires `loadYaml()` first. */
  yamlDocuments(): Document.Parsed[] {
    this.documents ??= yamlSync().parseAllDocuments(this.text, { prettyErrors: false }) as Document.Parsed[];
    return this.documents;
  }

  /** Where this file's secret values sit and what they are (see findSensitiveSource). Requires `loadYaml()` first. */
  sensitiveSource(): SensitiveSource {
    // Most files a diagnostic points into hold no Secret: they are not parsed again to find out.
    this.sensitive ??= mayHoldSensitiveKind(this.text) ? findSensitiveSource(yamlSync(), this.text, this.yamlDocuments()) : { ranges: [], values: [] };
    return this.sensitive;
  }

  /**
   * A 1-based line with the 0-based [start, end) columns of the secret values on it, for source
   * excerpts that must not show them. Requires `loadYaml()` first.
   */
  maskedLine(n: number): { text: string; masked: Array<[number, number]> } | undefined {
    const text = this.line(n);
    if (text === undefined) return undefined;
    const start = this.getLineStarts()[n - 1]!;
    const end = start + text.length;
    const masked: Array<[number, number]> = [];
    for (const [a, b] of this.sensitiveSource().ranges) if (a < end && b > start) masked.push([Math.max(a, start) - start, Math.min(b, end) - start]);
    return { text, masked };
  }

  /** Converts a 0-based [start, end) character offset range into a 1-based SourceRange. */
  rangeOf(start: number, end: number): SourceRange {
    const a = this.position(start);
    const b = this.position(Math.max(start, end));
    return { file: this.path, line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  }

  /** The text of a 1-based line, without its line break. */
  line(n: number): string | undefined {
    const starts = this.getLineStarts();
    if (n < 1 || n > starts.length) return undefined;
    const start = starts[n - 1]!;
    const end = n < starts.length ? starts[n]! - 1 : this.text.length;
    return this.text.slice(start, end).replace(/\r$/, '');
  }

  /**
   * Finds the node at `pointer` (e.g. `/spec/models/1`) in document `docIndex` and returns its
   * range; when the node does not exist (a missing required field), the closest ancestor's.
   */
  locate(docIndex: number, pointer: string, target: LocateTarget = 'value'): SourceRange {
    return this.locateRecorded(docIndex, pointer, target) ?? this.locateWithYaml(docIndex, pointer, target);
  }

  /** `locate` from the positions the fast parser recorded; undefined where only yaml can say. */
  locateRecorded(docIndex: number, pointer: string, target: LocateTarget = 'value'): SourceRange | undefined {
    if (!this.fastParsed) return undefined;
    // Read again, recording this time: only files with something to locate pay for positions.
    if (this.recorded === undefined) this.recorded = parseFastYamlLocated(this.text)?.positions ?? null;
    const found = this.recorded && locateRecorded(this.text, this.recorded, docIndex, parsePointer(pointer), target);
    return found ? this.rangeOf(found[0], found[1]) : undefined;
  }

  /** `locate` from the yaml package's AST (`loadYaml()` first): for files the fast parser left to it. */
  locateWithYaml(docIndex: number, pointer: string, target: LocateTarget = 'value'): SourceRange {
    const doc = this.yamlDocuments()[docIndex];
    if (!doc || !doc.contents) return this.rangeOf(0, 0);
    const { isMap, isSeq, isScalar } = yamlSync();
    let node: YamlNode = doc.contents as YamlNode;
    let keyNode: YamlNode | undefined;
    for (const segment of parsePointer(pointer)) {
      let next: YamlNode | undefined;
      let nextKey: YamlNode | undefined;
      if (isMap(node)) {
        const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === segment);
        if (pair) {
          nextKey = pair.key as YamlNode;
          next = (pair.value as YamlNode | null) ?? undefined;
          if (!next) {
            // `key:` with no value: point at the key.
            keyNode = nextKey;
            node = nextKey;
            continue;
          }
        }
      } else if (isSeq(node)) {
        const item = node.items[Number(segment)];
        if (item && typeof item === 'object') next = item as YamlNode;
      }
      if (!next) break; // closest existing ancestor
      node = next;
      keyNode = nextKey;
    }
    const chosen = target === 'key' && keyNode?.range ? keyNode : node;
    const range = chosen.range;
    if (!range) return this.rangeOf(0, 0);
    // For collections, underline the first line only: the whole block would be noise.
    const end = isMap(chosen) || isSeq(chosen) ? Math.min(range[1], this.endOfLine(range[0])) : range[1];
    return this.rangeOf(range[0], end);
  }

  /**
   * The 1-based line where document `index` starts (its first line of content), found from the
   * `---` markers without building an AST: cheap enough to call for every resource of a plan.
   */
  documentLine(index: number): number {
    this.documentStarts ??= this.findDocumentStarts();
    return this.documentStarts[index] ?? 1;
  }

  /**
   * First content line of each document, numbered as the yaml package numbers documents. Scans
   * the text once without slicing lines (it runs for every file of a plan).
   */
  private findDocumentStarts(): number[] {
    const text = this.text;
    const starts: number[] = [];
    let current: { line?: number; marker: boolean } = { marker: false };
    let n = 0;
    for (let start = 0; start <= text.length; n++) {
      const nl = text.indexOf('\n', start);
      const end = nl === -1 ? text.length : nl;
      if (isDocumentMarker(text, start, end)) {
        // A `---` ends the current document unless nothing came before it at all.
        if (starts.length > 0 || current.line !== undefined || current.marker) starts.push(current.line ?? n + 1);
        current = { marker: true };
      } else if (current.line === undefined && isContentLine(text, start, end)) {
        current.line = n + 1;
      }
      if (nl === -1) {
        n++;
        break;
      }
      start = nl + 1;
    }
    if (current.line !== undefined || current.marker) starts.push(current.line ?? n);
    return starts;
  }

  private endOfLine(offset: number): number {
    const nl = this.text.indexOf('\n', offset);
    return nl === -1 ? this.text.length : nl;
  }

  private position(offset: number): { line: number; column: number } {
    const starts = this.getLineStarts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  }

  private getLineStarts(): number[] {
    if (!this.lineStarts) {
      const starts = [0];
      for (let i = this.text.indexOf('\n'); i !== -1; i = this.text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.lineStarts = starts;
    }
    return this.lineStarts;
  }
}

/** `---` alone or followed by whitespace: a YAML document marker. */
function isDocumentMarker(text: string, start: number, end: number): boolean {
  if (!text.startsWith('---', start)) return false;
  return end - start === 3 || /\s/.test(text[start + 3]!);
}

/** A line with something other than whitespace or a comment on it. */
function isContentLine(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13)) continue;
    if (c > 127) return text.slice(i, end).trim() !== '' && !text.slice(i, end).trimStart().startsWith('#');
    return c !== 35 && c > 32;
  }
  return false;
}
