import { describe, expect, it } from 'vitest';
import { canonicalRepository, canonicalSource, sameSource } from '../../../src/compiler/plan/ownership.js';

describe('canonicalRepository', () => {
  it.each([
    ['https://github.com/acme/pai-config', 'github.com/acme/pai-config'],
    ['https://github.com/acme/pai-config.git', 'github.com/acme/pai-config'],
    ['https://github.com/acme/pai-config/', 'github.com/acme/pai-config'],
    ['https://x-access-token:ghs_abc@github.com/acme/pai-config.git', 'github.com/acme/pai-config'],
    ['http://GitHub.COM/acme/pai-config', 'github.com/acme/pai-config'],
    ['git@github.com:acme/pai-config.git', 'github.com/acme/pai-config'],
    ['github.com:acme/pai-config', 'github.com/acme/pai-config'],
    ['ssh://git@github.com/acme/pai-config.git', 'github.com/acme/pai-config'],
    ['ssh://git@github.com:2222/acme/pai-config', 'github.com/acme/pai-config'],
    ['git://github.com/acme/pai-config.git', 'github.com/acme/pai-config'],
    ['https://gitlab.example.com/group/sub/pai-config.git', 'gitlab.example.com/group/sub/pai-config'],
    ['/srv/git/pai-config.git', 'local:pai-config'],
    ['file:///srv/git/pai-config', 'local:pai-config'],
    ['../pai-config', 'local:pai-config'],
  ])('%s → %s', (remote, expected) => {
    expect(canonicalRepository(remote)).toBe(expected);
  });
});

describe('canonicalSource', () => {
  it('reads the raw-URL annotations older versions wrote as the canonical owner', () => {
    expect(canonicalSource('git@github.com:acme/pai-config#config')).toBe('github.com/acme/pai-config#config');
    expect(canonicalSource('https://github.com/acme/pai-config#.')).toBe('github.com/acme/pai-config#.');
    expect(sameSource('https://github.com/acme/pai-config#.', 'github.com/acme/pai-config#.')).toBe(true);
  });

  it('keeps explicit names and local sources as they are, and tells paths apart', () => {
    expect(canonicalSource('acme/named#.')).toBe('acme/named#.');
    expect(canonicalSource('local:/home/me/config')).toBe('local:/home/me/config');
    expect(sameSource('github.com/acme/pai-config#a', 'github.com/acme/pai-config#b')).toBe(false);
  });
});
