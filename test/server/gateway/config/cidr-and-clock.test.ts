import { describe, expect, it } from 'vitest';
import { secondsToMidnightUtc, secondsToNextMinute, utcDay, utcMinute, clockFromEnvironment } from '../../../../src/server/gateway/clock.js';
import { compileCidrs, ipAllowed } from '../../../../src/server/gateway/config/cidr.js';
import { parseModelRef } from '../../../../src/api/model-ref.js';

describe('allowedCIDRs', () => {
  const list = compileCidrs(['10.0.0.0/8', '2001:db8::/32']);
  it.each([
    ['10.1.2.3', true],
    ['::ffff:10.1.2.3', true],
    ['11.0.0.1', false],
    ['2001:db8::1', true],
    ['2001:db9::1', false],
    [undefined, false],
    ['not-an-ip', false],
  ])('%s → %s', (ip, allowed) => expect(ipAllowed(list, ip)).toBe(allowed));
  it('allows anywhere without a list', () => expect(ipAllowed(compileCidrs(undefined), '203.0.113.9')).toBe(true));
});

describe('UTC days and the test clock', () => {
  const t = Date.parse('2030-01-02T23:59:50.250Z');
  it('names days and minutes in UTC', () => {
    expect(utcDay(t)).toBe('2030-01-02');
    expect(utcMinute(t)).toBe('2030-01-02T23:59');
  });
  it('counts whole seconds to midnight and to the next minute', () => {
    expect(secondsToMidnightUtc(t)).toBe(10);
    expect(secondsToMidnightUtc(Date.parse('2030-01-03T00:00:00Z'))).toBe(86_400);
    expect(secondsToNextMinute(t)).toBe(10);
  });
  it.each([
    [{}, 0],
    [{ PAI_TEST_CLOCK_OFFSET_MS: '60000' }, 60_000],
    [{ PAI_TEST_CLOCK_OFFSET_MS: '-5' }, -5],
    [{ PAI_TEST_CLOCK_OFFSET_MS: 'soon' }, 0],
  ])('PAI_TEST_CLOCK_OFFSET_MS %j shifts the gateway clock by %i ms', (env, offset) => {
    const { clock, offsetMs } = clockFromEnvironment(env as NodeJS.ProcessEnv);
    expect(offsetMs).toBe(offset);
    expect(Math.abs(clock() - (Date.now() + offset))).toBeLessThan(50);
  });
});

describe('model references', () => {
  it.each([
    ['nvidia/z-ai/glm4.7', { provider: 'nvidia', model: 'z-ai/glm4.7' }],
    ['anthropic/claude-sonnet-4-6', { provider: 'anthropic', model: 'claude-sonnet-4-6' }],
    ['claude-sonnet-4-6', undefined],
    ['/x', undefined],
    ['x/', undefined],
  ])('%s', (ref, expected) => expect(parseModelRef(ref)).toEqual(expected));
});
