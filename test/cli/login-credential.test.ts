import { describe, expect, it } from 'vitest';
import { classifyCredential } from '../../src/cli/login-credential.js';

describe('classifyCredential', () => {
  it('a token given with --token', () => expect(classifyCredential(' pai_tok_abc \n', 'token')).toEqual({ kind: 'token', value: 'pai_tok_abc' }));
  it('an access key given with --access-key', () => expect(classifyCredential('pak_abc', 'access-key')).toEqual({ kind: 'access-key', value: 'pak_abc' }));
  it('the prompt decides by prefix', () => expect(classifyCredential('pak_abc').kind).toBe('access-key'));

  const refused: Array<[string, string, 'token' | 'access-key' | undefined, RegExp]> = [
    ['an access key given as a token', 'pak_abc', 'token', /--token was given an access key/],
    ['a token given as an access key', 'pai_tok_abc', 'access-key', /--access-key was given an admin token/],
    ['an unknown prefix', 'sk-ant-abc', 'token', /not an admin token/],
    ['an empty value', '  ', undefined, /empty/],
  ];
  for (const [title, value, expected, message] of refused) {
    it(`refuses ${title}, without echoing it`, () => {
      expect(() => classifyCredential(value, expected)).toThrow(message);
      try {
        classifyCredential(value, expected);
      } catch (err) {
        if (value.trim()) expect((err as Error).message + String((err as { hint?: string }).hint)).not.toContain(value);
      }
    });
  }
});
