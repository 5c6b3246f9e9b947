import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFastYaml } from '../../../src/compiler/load/fast-yaml.js';
import { SAMPLE_MANIFESTS } from './fast-yaml-generator.js';
import { expectAgreesWithYaml, oracle } from './fast-yaml-oracle.js';

// Every case is checked against the yaml package (the oracle). "fast" cases must also be answered
// by the fast path; "fallback" cases must answer null.
const FAST: [name: string, text: string][] = [
  // streams and documents
  ['an empty stream has no documents', ''],
  ['a comment-only stream has no documents', '# just a comment\n\n# another\n'],
  ['blank lines only', '\n\n  \n'],
  ['a lone ---', '---'],
  ['--- with a newline', '---\n'],
  ['two empty documents', '---\n---\n'],
  ['a trailing --- adds an empty document', 'a: 1\n---\n'],
  ['a trailing --- without newline', 'a: 1\n---'],
  ['comments before the first ---', '# header\n\n---\na: 1\n'],
  ['--- followed by a comment', '--- # first\na: 1\n---   # second\nb: 2\n'],
  ['a document holding only comments is null', 'a: 1\n---\n# nothing here\n---\nb: 2\n'],
  ['CRLF line endings', 'a: 1\r\nb:\r\n  - x\r\n  - "y"\r\nc: |\r\n  text\r\n  more\r\n'],
  ['a BOM at the start', '\ufeffa: 1\nb: two\n'],
  ['a root mapping indented by two', '  a: 1\n  b: 2\n'],
  ['a root scalar', 'hello world\n'],
  ['a root flow sequence', '[a, b]\n'],
  ['a root quoted scalar', '"x"\n'],
  ['`key:value` without a space is a plain scalar', 'key:value\n'],
  // block mappings
  ['nested block mappings', 'a:\n  b:\n    c: 1\n  d: 2\ne: 3\n'],
  ['an empty value is null', 'a:\nb: # comment\nc:   \n'],
  ['keys with spaces and trailing spaces before the colon', 'a key: 1\nb   : 2\n'],
  ['quoted keys', '"a b": 1\n\'c\': 2\n"d:e": 3\n'],
  ['keys that are Object.prototype members', 'constructor: 1\ntoString: 2\nhasOwnProperty: 3\n'],
  ['keys with inner punctuation', 'a#b: 1\na,b: 2\nx[0]: 3\nweb.hook/path: 4\na:b: 5\n'],
  ['indicator-like keys that are strings', 'yes: 1\nno: 2\non: 3\n-x: 4\n'],
  ['a value on the next line', 'a:\n  hello\nb:\n  [1, 2]\nc:\n  "q"\n'],
  ['comment lines at any indentation', 'a:\n  b: 1\n# outdented comment\n    # indented comment\n  c: 2\n'],
  ['values with colons, hashes and quotes', 'url: http://x.com:8080/a#frag\na: x#y\nb: it\'s\nc: say "hi"\nd: x, y\n'],
  ['comments after values', 'a: b # comment\nc: "d" # comment\ne: [f] # comment\n'],
  ['trailing spaces after values', 'a: b   \nc: "d"   \ne: [f]  \n'],
  // plain scalars: the YAML 1.2 core schema
  ['nulls', 'a: ~\nb: null\nc: Null\nd: NULL\ne: nUll\n'],
  ['booleans', 'a: true\nb: True\nc: TRUE\nd: false\ne: False\nf: FALSE\ng: tRUE\nh: yes\ni: no\nj: on\nk: off\n'],
  ['integers', 'a: 0\nb: -0\nc: +1\nd: 007\ne: 0o17\nf: 0x1F\ng: 0xff\nh: 123456789012345678901234\ni: -42\n'],
  ['floats', 'a: 1.5\nb: .5\nc: 1.\nd: -0.0\ne: 1e3\nf: 1.5E-3\ng: .5e+2\nh: 1.e3\ni: +2.50\n'],
  ['infinities and NaN', 'a: .inf\nb: .Inf\nc: .INF\nd: -.inf\ne: +.inf\nf: .nan\ng: .NaN\nh: .NAN\ni: -.nan\nj: .iNf\n'],
  ['number-like strings', 'a: 0x1G\nb: 0o8\nc: 1_000\nd: 1e\ne: e3\nf: .\ng: +\nh: -x\ni: 0x\nj: 1.2.3\nk: 12:30\nl: -0x1\nm: +.5.\n'],
  // quoted scalars
  ['single quotes with an escaped quote', "a: 'it''s'\nb: ''\nc: '#not a comment'\nd: 'x: y'\n"],
  ['double-quote escapes', 'a: "a\\"b"\nb: "\\\\ \\/ \\n \\t \\r \\0"\nc: "\\u00e9\\u20ac"\nd: "\\ud83d\\ude00"\ne: ""\n'],
  ['quotes containing flow indicators', 'a: ["x,]", "}{", \'[a]\']\n'],
  // block sequences
  ['a block sequence', '- a\n- b\n- 3\n'],
  ['nested compact sequences', '- - a\n  - b\n- - - c\n- d\n'],
  ['compact mappings in sequence items', '- name: a\n  value: 1\n- name: b\n  value: 2\n'],
  ['a dash alone, then an indented node', '-\n  a: 1\n-\n- x\n-\n  - y\n'],
  ['a sequence at the same indentation as its key', 'a:\n- b\n- c\nd: 1\n'],
  ['a same-indentation sequence inside a compact mapping', '- a:\n  - b\n  c: 1\n'],
  ['extra spaces after the dash', '-   a: 1\n    b: 2\n-  x\n'],
  // flow collections
  ['flow collections', 'a: [a, b, "c"]\nb: {}\nc: []\nd: {name: x, key: y}\ne: [{webhook: {}}]\nf: [ ]\n'],
  ['JSON-like flow mapping', 'a: {"a":1, "b": [1,2], "c":{"d":null}, \'e\':x, "f" :y}\n'],
  ['trailing commas in flow', 'a: [a, b, ]\nb: {a: 1,}\n'],
  ['colons inside flow plain scalars', 'a: {url: http://x.com, b: a:b}\nc: [a:1]\n'],
  ['multi-word flow scalars', 'a: [a b, c  d]\nb: {a b: c}\n'],
  ['numbers in flow', 'a: [1, -2, 0x10, .5, .inf, null, true, ~]\n'],
  // block scalars
  ['literal block scalar', 'a: |\n  line 1\n    indented\n  # not a comment\n\n  last\nb: 1\n'],
  ['literal strip and keep', 'a: |-\n  x\n\nb: |+\n  y\n\n\nc: 1\n'],
  ['folded block scalar', 'a: >\n  one\n  two\n\n  three\n\n\n  four\nb: 1\n'],
  ['folded strip and keep', 'a: >-\n  x\n  y\n\nb: >+\n  z\n\n'],
  ['leading blank lines in block scalars', 'a: |\n\n  x\nb: >\n\n\n  y\n'],
  ['block scalar followed by a less-indented comment', 'a: |\n    x\n  # comment\nb: 1\n'],
  ['block scalar with a header comment', 'a: | # comment\n  x\n'],
  ['block scalar in a sequence', '- |\n  x\n- >-\n  y\n  z\n'],
  ['block scalar at the end of the stream without newline', 'a: |\n  x'],
  ['keep at the end of the stream', 'a: |+\n  x\n\n'],
  ['keep ignores a last line without line break', 'a: |+\n  x\n\n  '],
  ['block scalar content with trailing spaces', 'a: >\n  x  \n  y\n'],
  ['block scalar then the next document', 'a: |\n  x\n---\nb: |+\n  y\n\n---\n'],
  // the sample manifest
  ['the sample manifests', SAMPLE_MANIFESTS],
];

const FALLBACK: [name: string, text: string][] = [
  ['document end marker', 'a: 1\n...\n'],
  ['a directive', '%YAML 1.2\n---\na: 1\n'],
  ['content after ---', '--- a\n'],
  ['--- glued to text', '---x: 1\n'],
  ['an anchor and an alias', 'a: &x 1\nb: *x\n'],
  ['a tag', 'a: !!str 1\n'],
  ['a complex key', '? a\n: b\n'],
  ['a merge key', 'base: {a: 1}\nderived:\n  <<: {b: 2}\n'],
  ['a merge key in flow', 'derived: {<<: {b: 2}}\n'],
  ['a tab in indentation', 'a:\n\tb: 1\n'],
  ['a tab in a value', 'a: b\tc\n'],
  ['a lone CR', 'a: 1\rb: 2\n'],
  ['a control character', 'a: x\u0001\n'],
  ['duplicate keys', 'a: 1\na: 2\n'],
  ['duplicate quoted and plain keys', 'a: 1\n"a": 2\n'],
  ['duplicate keys in flow', 'a: {b: 1, b: 2}\n'],
  ['__proto__ as a key', '__proto__: 1\n'],
  ['__proto__ as a quoted flow key', 'a: {"__proto__": {b: 1}}\n'],
  ['an integer key', '1: a\n'],
  ['a boolean key', 'true: x\n'],
  ['a null key', 'null: y\n'],
  ['a tilde key', '~: z\n'],
  ['mapping value after a value', 'a: b: c\n'],
  ['a sequence after a key on the same line', 'a: - b\n'],
  ['a plain scalar continuing on the next line', 'a: hello\n  world\n'],
  ['a root scalar on two lines', 'hello\nworld\n'],
  ['a double-quoted scalar on two lines', 'a: "x\n  y"\n'],
  ['an escaped line break', 'a: "x\\\n  y"\n'],
  ['a single-quoted scalar on two lines', "a: 'x\n  y'\n"],
  ['an unsupported escape', 'a: "\\x41"\n'],
  ['a malformed unicode escape', 'a: "\\u12G4"\n'],
  ['text after a quoted scalar', 'a: "x" y\n'],
  ['a flow collection on two lines', 'a: [1,\n  2]\n'],
  ['a comment inside flow', 'a: [1, # one\n  2]\n'],
  ['a single-pair mapping in a flow sequence', 'a: [b: 1]\n'],
  ['a flow mapping entry without value', 'a: {b}\n'],
  ['a flow mapping entry with an empty value', 'a: {b: }\n'],
  ['an empty flow entry', 'a: [a, , b]\n'],
  ['text after a flow collection', 'a: [1] x\n'],
  ['a flow collection as a key', '[a]: b\n'],
  ['an explicit indentation indicator', 'a: |2\n   x\n'],
  ['an empty block scalar', 'a: |\nb: 1\n'],
  ['a folded scalar with more-indented lines', 'a: >\n  x\n    y\n  z\n'],
  ['a whitespace-only line longer than the block indentation', 'a: |\n  x\n     \nb: 1\n'],
  ['a block scalar header on its own line', 'a:\n  |\n   x\n'],
  ['a key line without space after the colon', 'a: 1\nb:2\n'],
  ['inconsistent indentation', 'a:\n    b: 1\n  c: 2\n'],
  ['a sequence entry after a mapping at the same indentation', 'a: 1\n- b\n'],
  ['content less indented than the root node', '  a: 1\nb: 2\n'],
  ['a reserved indicator', 'a: @x\n'],
  ['a key of more than 1000 characters', `${'k'.repeat(1100)}: v\n`],
  ['pathologically nested block sequences', `${'- '.repeat(500)}x\n`],
  ['pathologically nested flow sequences', `a: ${'['.repeat(500)}${']'.repeat(500)}\n`],
];

describe('parseFastYaml answers, and agrees with yaml', () => {
  it.each(FAST)('%s', (_name, text) => {
    expect(parseFastYaml(text), 'the fast path fell back').not.toBeNull();
    expectAgreesWithYaml(text);
  });
});

describe('parseFastYaml falls back (null)', () => {
  it.each(FALLBACK)('%s', (_name, text) => {
    expect(parseFastYaml(text)).toBeNull();
  });
});

describe('parseFastYaml key cache', () => {
  it('still falls back on a merge key after reading one in a flow mapping', () => {
    expect(parseFastYaml('x: {<<: 1}\n')).toBeNull();
    expect(parseFastYaml('<<: 1\n')).toBeNull();
  });

  it('resolves a cached key the same way in block and flow mappings', () => {
    expect(expectAgreesWithYaml('a: {name: 1}\nname: 2\n')).toBe(true);
  });
});

describe('parseFastYaml on large inputs', () => {
  it('reads 10,000-line files without recursion', () => {
    const seq = Array.from({ length: 10_000 }, (_, i) => `- item-${i}`).join('\n');
    // (One 10,000-key mapping would do too, but yaml's duplicate-key check is quadratic: slow test.)
    const maps = Array.from({ length: 2_500 }, (_, i) => `- name: n${i}\n  spec:\n    size: ${i}\n    tags: [a, b]`).join('\n');
    expect(expectAgreesWithYaml(seq)).toBe(true);
    expect(expectAgreesWithYaml(maps)).toBe(true);
  });

  it('reads deep but reasonable nesting', () => {
    const text = Array.from({ length: 50 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n') + ' leaf\n';
    expect(expectAgreesWithYaml(text)).toBe(true);
  });

  it('gives up on 10,000 levels of indentation without overflowing the stack', () => {
    const text = Array.from({ length: 10_000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n');
    expect(parseFastYaml(text)).toBeNull();
  });
});

/** Signs of YAML the fast path leaves to the yaml package: anchors, aliases, tags, directives, `?` keys, merges, tabs, control characters. */
const EXOTIC_YAML = /[&*!%?\t\x00-\x08\x0b\x0c\x0e-\x1f]|^\.\.\.|<</m;

/** Every .yaml/.yml file under `dir`, recursively (none when the folder does not exist). */
function yamlFilesUnder(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFilesUnder(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

describe('parseFastYaml on the repository YAML files', () => {
  const root = join(import.meta.dirname, '..', '..');
  const files = [...yamlFilesUnder(join(root, 'fixtures')), ...yamlFilesUnder(join(root, '.github'))];

  it.each(files.length > 0 ? files : ['(no YAML files yet)'])('%s', (path) => {
    if (files.length === 0) return;
    const text = readFileSync(path, 'utf8');
    const answered = expectAgreesWithYaml(text);
    // A valid fixture without exotic YAML that falls back would mean the fast path misses real manifests.
    if (!answered && oracle(text).clean && !EXOTIC_YAML.test(text)) {
      expect(answered, `fell back on a plain, valid file: ${path}`).toBe(true);
    }
  });
});
