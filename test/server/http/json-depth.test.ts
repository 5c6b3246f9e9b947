import { describe, expect, it } from 'vitest';
import { jsonTooDeep, MAX_JSON_DEPTH } from '../../../src/server/http/json-depth.js';

describe('jsonTooDeep', () => {
  it.each([
    ['flat', '{"a":1}', false],
    ['exactly the limit', '['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH), false],
    ['one past the limit', '['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1), true],
    ['objects count like arrays', '{"a":'.repeat(MAX_JSON_DEPTH + 1) + '1' + '}'.repeat(MAX_JSON_DEPTH + 1), true],
    ['siblings do not add up', '[' + '[],'.repeat(1000) + '[]]', false],
    ['brackets inside strings do not count', JSON.stringify({ a: '['.repeat(1000) }), false],
    ['an escaped quote does not end the string', JSON.stringify({ a: '\\"' + '['.repeat(1000) }), false],
    ['a backslash at the end of a string', JSON.stringify(['\\', '['.repeat(10)]) + '['.repeat(MAX_JSON_DEPTH + 1), true],
  ])('%s', (_name, text, expected) => {
    expect(jsonTooDeep(text)).toBe(expected);
  });
});
