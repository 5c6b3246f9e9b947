/**
 * The positions the fast parser records locate every node where the yaml package's AST does
 * (start line and column), for both targets and for paths that do not exist (closest ancestor):
 * the yaml-based locator is the oracle, on the same generated streams as the parser's own test.
 * One intended difference: a `key:` without a value is located at its key (yaml's AST has an
 * empty scalar after the colon, where a caret shows nothing).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseFastYaml, parseFastYamlLocated } from '../../../src/compiler/load/fast-yaml.js';
import { loadYaml, SourceFile, yamlSync } from '../../../src/compiler/load/source-file.js';
import { parsePointer, toPointer } from '../../../src/api/json-pointer.js';
import { Random, SAMPLE_MANIFESTS, mutate, validStream } from './fast-yaml-generator.js';

const SEED = 20261207;

/** Every node's path in a parsed value, plus a child that does not exist under each collection. */
function pointers(value: unknown, path: Array<string | number> = []): string[] {
  const out = [toPointer(path)];
  if (Array.isArray(value)) {
    value.forEach((v, i) => out.push(...pointers(v, [...path, i])));
    out.push(toPointer([...path, value.length]));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) out.push(...pointers(v, [...path, k]));
    out.push(toPointer([...path, 'no-such-key']));
  }
  return out;
}

/**
 * The pointer of the mapping entry without a value (`key:`) that `pointer` lands on or passes
 * through, if any — yaml's AST holds an empty scalar there.
 */
function landsOnEmptyValue(source: SourceFile, index: number, doc: unknown, pointer: string): string | undefined {
  const { isScalar } = yamlSync();
  let node = doc;
  const path: string[] = [];
  for (const segment of parsePointer(pointer)) {
    if (node === null || typeof node !== 'object' || !(segment in node)) break;
    const next = (node as Record<string, unknown>)[segment];
    path.push(segment);
    if (next === null && !Array.isArray(node)) {
      const scalar = source.yamlDocuments()[index]!.getIn(path, true);
      return isScalar(scalar) && scalar.range && scalar.range[0] === scalar.range[1] ? toPointer(path) : undefined;
    }
    node = next;
  }
  return undefined;
}

function expectSamePositions(text: string): boolean {
  const fast = parseFastYamlLocated(text);
  if (!fast) return false;
  // The compiler parses without recording, and records only for files with something to locate.
  expect(parseFastYaml(text)).toEqual(fast.documents);
  const source = new SourceFile('input.yaml', text);
  source.fastParsed = true; // positions are recorded on the first locateRecorded, as in the compiler
  fast.documents.forEach((doc, index) => {
    for (const pointer of pointers(doc)) {
      for (const target of ['key', 'value'] as const) {
        const recorded = source.locateRecorded(index, pointer, target);
        if (!recorded) continue; // left to yaml (an empty document)
        const emptyEntry = landsOnEmptyValue(source, index, doc, pointer);
        const yaml = emptyEntry !== undefined ? source.locateWithYaml(index, emptyEntry, 'key') : source.locateWithYaml(index, pointer, target);
        expect([recorded.line, recorded.column], `document ${index}, ${pointer} (${target}) in:\n${text}`).toEqual([yaml.line, yaml.column]);
      }
    }
  });
  return true;
}

describe('positions recorded by the fast parser (yaml package as the oracle)', () => {
  beforeAll(async () => {
    await loadYaml();
  });

  it('locate every node of the sample manifests as yaml does', () => {
    expect(expectSamePositions(SAMPLE_MANIFESTS)).toBe(true);
  });

  it('locate every node of generated streams as yaml does', () => {
    const rng = new Random(SEED);
    for (let i = 0; i < 150; i++) expect(expectSamePositions(validStream(rng))).toBe(true);
  });

  it('locate every node of edited streams the fast parser still reads as yaml does', () => {
    const rng = new Random(SEED + 1);
    let answered = 0;
    for (let i = 0; i < 400; i++) if (expectSamePositions(mutate(rng, validStream(rng)))) answered++;
    expect(answered).toBeGreaterThan(40);
  });
});
