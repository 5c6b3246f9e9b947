/** Parsing the action's inputs (INPUT_* variables) and splitting `args`. */
import { describe, expect, it } from 'vitest';
import { parseActionInputs } from '../../../src/cli/action/inputs.js';
import { paiEnvironment } from '../../../src/cli/action/pai-process.js';
import { splitArgs } from '../../../src/cli/action/split-args.js';

const SERVER = { INPUT_SERVER: 'https://pai.example', INPUT_TOKEN: 'pai_tok_abcdefgh12345678' };

describe('action inputs', () => {
  it('defaults: path ".", mode plan, no prune, no args', () => {
    expect(parseActionInputs({ ...SERVER })).toEqual({ ok: true, inputs: { path: '.', mode: 'plan', prune: false, args: [], server: 'https://pai.example', token: 'pai_tok_abcdefgh12345678' } });
  });

  const OK: Array<[string, Record<string, string>, object]> = [
    ['validate needs no server or token', { INPUT_MODE: 'validate' }, { mode: 'validate' }],
    ['mode and prune are case-insensitive', { ...SERVER, INPUT_MODE: 'Apply', INPUT_PRUNE: 'TRUE' }, { mode: 'apply', prune: true }],
    ['empty inputs mean their defaults', { ...SERVER, INPUT_PATH: '', INPUT_MODE: '', INPUT_ARGS: ' ' }, { path: '.', mode: 'plan', args: [] }],
    // The runner names a node action's inputs INPUT_ + the name in upper case, spaces as `_` and `-` kept.
    ['the github token is read from INPUT_GITHUB-TOKEN, as the runner names it', { ...SERVER, 'INPUT_GITHUB-TOKEN': 'ghs_x' }, { githubToken: 'ghs_x' }],
    ['args are split like a shell, without one', { ...SERVER, INPUT_ARGS: `--changed --base "origin/main" --label 'a b'` }, { args: ['--changed', '--base', 'origin/main', '--label', 'a b'] }],
  ];
  for (const [name, env, expected] of OK) {
    it(name, () => {
      const r = parseActionInputs(env);
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.inputs).toMatchObject(expected);
    });
  }

  const BAD: Array<[string, Record<string, string>, string]> = [
    ['an unknown mode lists the valid ones', { ...SERVER, INPUT_MODE: 'destroy' }, 'input "mode" is "destroy"; use one of: validate, plan, apply'],
    ['prune must be true or false', { ...SERVER, INPUT_PRUNE: 'yes please' }, 'input "prune" is "yes please"; use true or false'],
    ['plan needs a server', { INPUT_TOKEN: 'pai_tok_abcdefgh12345678' }, 'input "server" is required for mode plan'],
    ['apply needs a token, and says where it comes from', { INPUT_MODE: 'apply', INPUT_SERVER: 'https://pai.example' }, 'secrets.PAI_TOKEN'],
    ['an unclosed quote in args', { ...SERVER, INPUT_ARGS: '--base "main' }, 'input "args": unclosed double quote'],
  ];
  for (const [name, env, message] of BAD) {
    it(name, () => {
      const r = parseActionInputs(env);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toContain(message);
    });
  }

  it('splitArgs keeps escaped quotes and empty quoted arguments', () => {
    expect(splitArgs(`a "b \\"c\\"" '' d`)).toEqual({ ok: true, args: ['a', 'b "c"', '', 'd'] });
  });

  it('pai runs with PAI_SERVER and PAI_TOKEN and without the action inputs (no GitHub token)', () => {
    const env = paiEnvironment({ PATH: '/bin', 'INPUT_GITHUB-TOKEN': 'ghs_secret', INPUT_TOKEN: 'pai_tok_x', HOME: '/h' }, { server: 'https://pai.example', token: 'pai_tok_x' });
    expect(env).toEqual({ PATH: '/bin', HOME: '/h', PAI_SERVER: 'https://pai.example', PAI_TOKEN: 'pai_tok_x' });
  });
});
