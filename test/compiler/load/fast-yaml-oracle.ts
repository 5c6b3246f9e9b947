import { isDeepStrictEqual } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { expect } from 'vitest';
import { parseFastYaml } from '../../../src/compiler/load/fast-yaml.js';

/** What the yaml package makes of a stream: the reference the fast parser must match. */
export interface OracleResult {
  /** No errors and no warnings in any document. */
  clean: boolean;
  values: unknown[];
}

export function oracle(text: string): OracleResult {
  const docs = parseAllDocuments(text);
  const clean = docs.every((d) => d.errors.length === 0 && d.warnings.length === 0);
  let values: unknown[] = [];
  try {
    values = docs.map((d) => d.toJS());
  } catch {
    return { clean: false, values };
  }
  return { clean, values };
}

/**
 * The contract: the fast parser answers null, or exactly what yaml answers for a clean parse.
 * Returns whether the fast path answered.
 */
export function expectAgreesWithYaml(text: string): boolean {
  const fast = parseFastYaml(text);
  if (fast === null) return false;
  const ref = oracle(text);
  expect(ref.clean, `yaml reports errors or warnings, yet the fast path answered for:\n${text}`).toBe(true);
  // node's strict deep equality: Object.is on leaves (NaN, -0), same prototypes, same own keys.
  // (vitest's toStrictEqual misjudges objects with an own `constructor` key, a valid YAML key.)
  if (!isDeepStrictEqual(fast, ref.values)) {
    expect(fast, `fast path differs from yaml for:\n${text}`).toStrictEqual(ref.values);
    expect.fail(`fast path differs from yaml for:\n${text}`);
  }
  return true;
}
