import { describe, expect, it } from 'vitest';
import { parseEnvFile, parseLiteral } from '../../src/cli/env-file.js';
import { UserError } from '../../src/lib/user-error.js';

describe('parseEnvFile', () => {
  it('reads KEY=VALUE lines, skipping blanks and comments', () => {
    const text = ['# comment', '', 'API_KEY=abc=def', '  export ORG="my org"', "QUOTED='x y'", 'TRAILING=v   ', 'EMPTY='].join('\n');
    expect(parseEnvFile(text, 'f.env')).toEqual([
      ['API_KEY', 'abc=def'],
      ['ORG', 'my org'],
      ['QUOTED', 'x y'],
      ['TRAILING', 'v'],
      ['EMPTY', ''],
    ]);
  });

  it('names the file and line of bad lines without quoting them', () => {
    try {
      parseEnvFile('GOOD=1\nsk-ant-CANARY-no-equals\nbad key=sk-ant-CANARY2', 'secrets.env');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(UserError);
      const e = err as UserError;
      expect(e.details).toEqual(['secrets.env:2: expected KEY=VALUE', 'secrets.env:3: "bad key" is not a valid key (letters, digits, -, _ and . only)']);
      expect(JSON.stringify(e)).not.toContain('CANARY');
      expect(e.message).not.toContain('CANARY');
    }
  });
});

describe('parseLiteral', () => {
  it('splits on the first =', () => expect(parseLiteral('api-key=a=b')).toEqual(['api-key', 'a=b']));
  it('allows an empty value', () => expect(parseLiteral('k=')).toEqual(['k', '']));
  it('refuses a missing key without echoing the value', () => {
    expect(() => parseLiteral('=sk-ant-CANARY')).toThrow(/KEY=VALUE/);
    try {
      parseLiteral('=sk-ant-CANARY');
    } catch (err) {
      expect((err as Error).message).not.toContain('CANARY');
    }
  });
  it('refuses an invalid key', () => expect(() => parseLiteral('a b=c')).toThrow(/not a valid secret key/));
});
