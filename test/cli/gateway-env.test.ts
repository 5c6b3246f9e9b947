import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { gatewayVariables, renderExports } from '../../src/cli/gateway-env.js';

describe('pai gateway env', () => {
  const vars = gatewayVariables('http://127.0.0.1:7070/', 'pak_abc');

  it('points OpenAI clients at /ext/v1 and Anthropic clients at /ext', () => {
    expect(Object.fromEntries(vars)).toEqual({
      OPENAI_BASE_URL: 'http://127.0.0.1:7070/ext/v1',
      OPENAI_API_KEY: 'pak_abc',
      ANTHROPIC_BASE_URL: 'http://127.0.0.1:7070/ext',
      ANTHROPIC_AUTH_TOKEN: 'pak_abc',
    });
  });

  it.each([
    ['sh', "export A='it'\\''s $HOME `x` \\ \"q\"'\n"],
    ['fish', "set -gx A 'it\\'s $HOME `x` \\\\ \"q\"'\n"],
    ['powershell', "$env:A = 'it''s $HOME `x` \\ \"q\"'\n"],
  ] as const)('quotes values for %s so that nothing in them is expanded', (shell, expected) => {
    expect(renderExports([['A', 'it\'s $HOME `x` \\ "q"']], shell)).toBe(expected);
  });

  it('round-trips through a real POSIX shell', () => {
    const tricky = `a'b"c $HOME \`id\` \\n ;|&`;
    const out = execFileSync('sh', ['-c', `${renderExports([['V', tricky]], 'sh')} printf '%s' "$V"`]).toString();
    expect(out).toBe(tricky);
  });

  it('doubles the typographic quotes PowerShell also ends strings with', () => {
    expect(renderExports([['A', 'a\u2019b']], 'powershell')).toBe("$env:A = 'a\u2019\u2019b'\n");
  });
});
