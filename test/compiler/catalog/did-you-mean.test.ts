// Tests for src/compiler/diagnostics/did-you-mean.ts (kept with the catalogue tests, whose helper wrote it).
import { describe, expect, it } from 'vitest';
import { boundedDistance, didYouMean } from '../../../src/compiler/diagnostics/did-you-mean.js';

describe('boundedDistance (optimal string alignment)', () => {
  const cases: Array<[string, string, number]> = [
    ['', '', 0],
    ['abc', 'abc', 0],
    ['abc', '', 3],
    ['kitten', 'sitting', 3],
    ['mnii', 'mini', 1], // one transposition
    ['claude-sonet-4-6', 'claude-sonnet-4-6', 1],
    ['ca', 'abc', 3], // OSA, not unrestricted Damerau (which gives 2)
  ];
  it.each(cases)('%j → %j is %i', (a, b, d) => {
    expect(boundedDistance(a, b, 10)).toBe(d);
    expect(boundedDistance(b, a, 10)).toBe(d);
  });
  it('agrees with a plain full-matrix OSA on random strings', () => {
    const naive = (a: string, b: string): number => {
      const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
      for (let i = 1; i <= a.length; i++)
        for (let j = 1; j <= b.length; j++) {
          d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
          if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
        }
      return d[a.length]![b.length]!;
    };
    let seed = 42;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    const word = () => Array.from({ length: rand(9) }, () => 'abc-'[rand(4)]).join('');
    for (let k = 0; k < 3000; k++) {
      const [a, b, bound] = [word(), word(), rand(5)];
      expect(boundedDistance(a, b, bound), `${a} ${b} ${bound}`).toBe(Math.min(naive(a, b), bound + 1));
    }
  });

  it('stops at bound + 1', () => {
    expect(boundedDistance('aaaaaaaa', 'bbbbbbbb', 2)).toBe(3);
    expect(boundedDistance('a', 'abcdefgh', 2)).toBe(3);
  });
});

describe('didYouMean', () => {
  const fields = ['apiVersion', 'kind', 'metadata', 'spec', 'allowedModels', 'deniedModels', 'fallbacks', 'endpoint'];
  const cases: Array<[string, string, Iterable<string>, string[]]> = [
    ['a typo in a field name', 'allowedModel', fields, ['allowedModels']],
    ['case differences', 'apiversion', fields, ['apiVersion']],
    ['a transposition', 'enpdoint', fields, ['endpoint']],
    ['two edits in eight characters', 'edpnoint', fields, ['endpoint']],
    ['nothing close', 'zzzzzz', fields, []],
    ['a short input allows one edit', 'knd', fields, ['kind']],
    ['the input itself is never suggested', 'spec', fields, []],
    ['duplicates are suggested once', 'specc', ['spec', 'spec'], ['spec']],
    ['a prefix beyond the edit limit still matches', 'claude-opus', ['claude-opus-4-5-20251101', 'claude-opus-5', 'gpt-4o'], ['claude-opus-5', 'claude-opus-4-5-20251101']],
    ['an over-long id finds its base', 'gpt-4o-2099-01-01-preview', ['gpt-4o', 'o3'], ['gpt-4o']],
    ['prefixes need four characters', 'gp', ['gpt-4o-mini-transcribe'], []],
    ['any iterable works', 'metadta', new Set(fields), ['metadata']],
  ];
  it.each(cases)('%s', (_name, input, candidates, expected) => {
    expect(didYouMean(input, candidates)).toEqual(expected);
  });

  it('returns at most max, closest first, then prefix matches, then alphabetical', () => {
    expect(didYouMean('model-b', ['model-c', 'model-a', 'model-d', 'model-bb'], 2)).toEqual(['model-bb', 'model-a']);
    expect(didYouMean('model-b', ['model-d', 'model-c', 'model-a'], 2)).toEqual(['model-a', 'model-c']);
    expect(didYouMean('x', ['y'], 0)).toEqual([]);
  });
});
