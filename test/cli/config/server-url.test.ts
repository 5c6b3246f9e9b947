import { UserError } from '../../../src/lib/user-error.js';
import { describe, expect, it } from 'vitest';
import { hostOfServerUrl, normaliseServerUrl } from '../../../src/cli/config/server-url.js';

describe('normaliseServerUrl', () => {
  const cases: Array<[string, string, string]> = [
    ['a bare host name means https', 'pairun.dev', 'https://pairun.dev'],
    ['a bare host name with a path means https', 'pairun.dev/pai/', 'https://pairun.dev/pai'],
    ['host:port means http', 'pai.internal:8080', 'http://pai.internal:8080'],
    ['an IPv4 address with a port means http', '127.0.0.1:7070', 'http://127.0.0.1:7070'],
    ['localhost with a port means http', 'localhost:7070', 'http://localhost:7070'],
    ['host:80 keeps http (the default port is elided)', 'example.com:80', 'http://example.com'],
    ['an IPv6 address with a port means http', '[::1]:7070', 'http://[::1]:7070'],
    ['a full http URL is kept', 'http://127.0.0.1:7070', 'http://127.0.0.1:7070'],
    ['a full https URL is kept', 'https://pai.example.com', 'https://pai.example.com'],
    ['a trailing slash is removed', 'http://127.0.0.1:7070/', 'http://127.0.0.1:7070'],
    ['the host is lower-cased', 'HTTPS://PAI.Example.COM', 'https://pai.example.com'],
    ['surrounding spaces are ignored', '  pairun.dev  ', 'https://pairun.dev'],
    ['a path prefix is kept', 'https://example.com/pai/api/', 'https://example.com/pai/api'],
    ['the default https port is elided', 'https://example.com:443', 'https://example.com'],
  ];
  for (const [title, input, expected] of cases) {
    it(title, () => expect(normaliseServerUrl(input)).toBe(expected));
  }

  const rejected: Array<[string, string]> = [
    ['an empty string', ''],
    ['an unsupported scheme', 'ftp://example.com'],
    ['credentials in the URL', 'https://admin:secret@example.com'],
    ['a query string', 'https://example.com/?token=x'],
    ['a fragment', 'https://example.com/#x'],
    ['an invalid host', 'http://exa mple.com'],
  ];
  for (const [title, input] of rejected) {
    it(`refuses ${title} with a hint`, () => {
      let caught: unknown;
      try {
        normaliseServerUrl(input);
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(UserError);
      expect((caught as UserError).hint).toBeTruthy();
      expect((caught as UserError).message).not.toContain('secret');
    });
  }
});

describe('hostOfServerUrl', () => {
  it('keeps an explicit port', () => expect(hostOfServerUrl('http://127.0.0.1:7070')).toBe('127.0.0.1:7070'));
  it('omits a default port', () => expect(hostOfServerUrl('https://pairun.dev')).toBe('pairun.dev'));
});
