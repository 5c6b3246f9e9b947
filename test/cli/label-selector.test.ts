import { describe, expect, it } from 'vitest';
import { matchesLabels, parseLabelSelector } from '../../src/cli/label-selector.js';
import { UserError } from '../../src/lib/user-error.js';

describe('label selectors', () => {
  const labels = { team: 'search', 'pai.io/tier': 'gold' };
  const cases: Array<[string, boolean]> = [
    ['team=search', true],
    ['team==search', true],
    ['team=ads', false],
    ['team!=ads', true],
    ['env!=prod', true],
    ['pai.io/tier', true],
    ['!pai.io/tier', false],
    ['!env', true],
    ['team=search,pai.io/tier=gold', true],
    ['team=search, env', false],
  ];
  for (const [selector, expected] of cases) it(`${selector} → ${expected}`, () => expect(matchesLabels(parseLabelSelector(selector), labels)).toBe(expected));

  it('a resource without labels matches only negative requirements', () => {
    expect(matchesLabels(parseLabelSelector('team!=x,!team'), undefined)).toBe(true);
    expect(matchesLabels(parseLabelSelector('team'), undefined)).toBe(false);
  });

  for (const bad of ['', 'a==b==c', '!a=b', '=x', 'a b=c'])
    it(`refuses ${JSON.stringify(bad)} with the forms it takes`, () => {
      expect(() => parseLabelSelector(bad)).toThrow(UserError);
    });
});
