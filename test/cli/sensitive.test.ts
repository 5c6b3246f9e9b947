import { afterEach, describe, expect, it } from 'vitest';
import { clearSensitive, redact, redactDeep, registerSensitive, registerSensitiveArgv } from '../../src/cli/sensitive.js';

afterEach(() => clearSensitive());

describe('registerSensitiveArgv', () => {
  const cases: Array<[string, string[], string[]]> = [
    ['--api-key VALUE', ['create', 'model-provider', 'x', '--api-key', 'nvapi-SECRET1'], ['nvapi-SECRET1']],
    ['--api-key=VALUE', ['--api-key=nvapi-SECRET2'], ['nvapi-SECRET2']],
    ['--token and --access-key', ['login', 'h', '--token', 'pai_tok_SECRET3', '--access-key=pak_SECRET4'], ['pai_tok_SECRET3', 'pak_SECRET4']],
    ['--from-literal KEY=VALUE (the value only)', ['--from-literal', 'api-key=VALUE5', '--from-literal=other=VALUE6'], ['VALUE5', 'VALUE6']],
  ];
  for (const [title, argv, secrets] of cases) {
    it(title, () => {
      registerSensitiveArgv(argv);
      for (const s of secrets) expect(redact(`<${s}>`)).toBe('<(secret)>');
    });
  }

  it('does not register "-" (stdin) or key names', () => {
    registerSensitiveArgv(['--api-key', '-', '--from-literal', 'api-key=VALUE7']);
    expect(redact('api-key - x')).toBe('api-key - x');
  });
});

describe('redact', () => {
  it('replaces longer values first', () => {
    registerSensitive('abcd');
    registerSensitive('abcdefgh');
    expect(redact('abcdefgh abcd')).toBe('(secret) (secret)');
  });
  it('ignores values too short to redact safely', () => {
    registerSensitive('ab');
    expect(redact('ab')).toBe('ab');
  });
  it('redactDeep walks JSON', () => {
    registerSensitive('SECRET');
    expect(redactDeep({ a: ['x SECRET'], b: 1, SECRET: null })).toEqual({ a: ['x (secret)'], b: 1, '(secret)': null });
  });
});
