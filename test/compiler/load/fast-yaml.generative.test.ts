import { describe, expect, it } from 'vitest';
import { parseFastYaml } from '../../../src/compiler/load/fast-yaml.js';
import { Random, charSoup, lineSoup, mutate, validStream } from './fast-yaml-generator.js';
import { expectAgreesWithYaml } from './fast-yaml-oracle.js';

// Seeded, so any failure reproduces; the failing text is in the assertion message.
const SEED = 20240917;

describe('parseFastYaml on generated YAML (yaml package as the oracle)', () => {
  it('answers every stream built from the fast subset, exactly as yaml does', () => {
    const rng = new Random(SEED);
    for (let i = 0; i < 1000; i++) {
      const text = validStream(rng);
      expect(parseFastYaml(text), `the fast path fell back on:\n${text}`).not.toBeNull();
      expectAgreesWithYaml(text);
    }
  });

  it('answers line soups of near-misses right or not at all', () => {
    const rng = new Random(SEED + 1);
    let answered = 0;
    const total = 2000;
    for (let i = 0; i < total; i++) if (expectAgreesWithYaml(lineSoup(rng))) answered++;
    // Not a contract, a sanity check that the soup exercises the fast path at all.
    expect(answered).toBeGreaterThan(total * 0.05);
  });

  it('answers random edits of valid streams right or not at all', () => {
    const rng = new Random(SEED + 2);
    let answered = 0;
    const total = 2500;
    for (let i = 0; i < total; i++) if (expectAgreesWithYaml(mutate(rng, validStream(rng)))) answered++;
    expect(answered).toBeGreaterThan(total * 0.2);
  });

  it('answers short strings of YAML punctuation right or not at all', () => {
    const rng = new Random(SEED + 3);
    let answered = 0;
    const total = 3000;
    for (let i = 0; i < total; i++) if (expectAgreesWithYaml(charSoup(rng))) answered++;
    expect(answered).toBeGreaterThan(total * 0.05);
  });
});
