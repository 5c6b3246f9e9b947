import { describe, expect, it } from 'vitest';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from '../../src/server/json-depth.js';

const nested = (depth: number): unknown => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`);

describe('jsonDepthExceeds', () => {
  it.each([
    ['a scalar', 'x', 0, false],
    ['an empty object at max 1', {}, 1, false],
    ['an object in an object at max 1', { a: {} }, 1, true],
    ['scalars add no depth', { a: [1, 'x', null, true] }, 2, false],
    ['the deepest branch counts', { a: 1, b: [[{}]], c: {} }, 3, true],
  ])('%s', (_what, value, max, exceeds) => {
    expect(jsonDepthExceeds(value, max)).toBe(exceeds);
  });

  it('is exact at the limit', () => {
    expect(jsonDepthExceeds(nested(MAX_JSON_DEPTH), MAX_JSON_DEPTH)).toBe(false);
    expect(jsonDepthExceeds(nested(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH)).toBe(true);
  });

  it('walks input nested far deeper than the call stack allows', () => {
    const deep = nested(1_000_000);
    expect(() => JSON.stringify(deep)).toThrow(RangeError);
    expect(jsonDepthExceeds(deep, MAX_JSON_DEPTH)).toBe(true);
  });
});
