import { describe, expect, it } from 'vitest';
import { ageSince, humanDuration } from '../../../../src/cli/render/resources/age.js';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe('humanDuration (kubectl AGE)', () => {
  const cases: Array<[number, string]> = [
    [0, '0s'],
    [-1500, '0s'],
    [-5 * s, '<invalid>'],
    [5 * s, '5s'],
    [119 * s, '119s'],
    [2 * m, '2m'],
    [3 * m + 20 * s, '3m20s'],
    [9 * m + 59 * s, '9m59s'],
    [10 * m + 30 * s, '10m'],
    [179 * m, '179m'],
    [3 * h, '3h'],
    [2 * h + 5 * m + 200 * m, '5h25m'],
    [8 * h + 5 * m, '8h'],
    [47 * h, '47h'],
    [4 * d, '4d'],
    [4 * d + 3 * h, '4d3h'],
    [8 * d, '8d'],
    [400 * d, '400d'],
    [730 * d, '2y'],
    [800 * d, '2y70d'],
    [3000 * d, '8y'],
  ];
  for (const [ms, expected] of cases) it(`${ms} ms → ${expected}`, () => expect(humanDuration(ms)).toBe(expected));
});

describe('ageSince', () => {
  const now = new Date('2026-11-25T21:00:05.000Z');
  it('measures from an ISO time', () => expect(ageSince('2026-11-25T21:00:00.000Z', now)).toBe('5s'));
  it('is undefined for a missing time', () => expect(ageSince(null, now)).toBeUndefined());
  it('is undefined for garbage', () => expect(ageSince('yesterday', now)).toBeUndefined());
});
