import { UserError } from '../../../src/lib/user-error.js';
import { describe, expect, it } from 'vitest';
import type { PaiConfig } from '../../../src/cli/config/config-file.js';
import { requireAdminToken, resolveConnection } from '../../../src/cli/config/connection.js';

const config: PaiConfig = {
  formatVersion: 1,
  currentContext: 'admin@127.0.0.1:7070',
  contexts: {
    'admin@127.0.0.1:7070': { server: 'http://127.0.0.1:7070', token: 'pai_tok_local' },
    'prod@pairun': { server: 'https://pairun.dev', token: 'pai_tok_prod' },
    'dev@pairun': { server: 'https://pairun.dev', accessKey: 'pak_dev' },
  },
};

describe('resolveConnection', () => {
  const cases: Array<{ title: string; context?: string; env: Record<string, string>; expected: Record<string, unknown> }> = [
    { title: 'the current context by default', env: {}, expected: { server: 'http://127.0.0.1:7070', token: 'pai_tok_local', contextName: 'admin@127.0.0.1:7070', source: 'current-context' } },
    { title: 'PAI_TOKEN replaces the current context token', env: { PAI_TOKEN: 'pai_tok_env' }, expected: { server: 'http://127.0.0.1:7070', token: 'pai_tok_env', source: 'current-context' } },
    { title: 'PAI_SERVER + PAI_TOKEN override the context', env: { PAI_SERVER: 'ci.example.com:9000', PAI_TOKEN: 'pai_tok_ci' }, expected: { server: 'http://ci.example.com:9000', token: 'pai_tok_ci', contextName: null, source: 'environment' } },
    { title: 'PAI_SERVER alone never sends a stored token to another server', env: { PAI_SERVER: 'ci.example.com:9000' }, expected: { server: 'http://ci.example.com:9000', token: undefined, source: 'environment' } },
    { title: 'PAI_SERVER alone reuses the token of a context for that same server', env: { PAI_SERVER: 'pairun.dev' }, expected: { server: 'https://pairun.dev', token: 'pai_tok_prod', contextName: 'prod@pairun' } },
    { title: '--context beats the environment', context: 'prod@pairun', env: { PAI_SERVER: 'ci.example.com:9000', PAI_TOKEN: 'pai_tok_ci' }, expected: { server: 'https://pairun.dev', token: 'pai_tok_prod', source: 'context-flag' } },
    { title: 'empty environment variables count as unset', env: { PAI_SERVER: ' ', PAI_TOKEN: '' }, expected: { token: 'pai_tok_local', source: 'current-context' } },
  ];
  for (const c of cases) {
    it(c.title, () => {
      const conn = resolveConnection(config, { ...(c.context ? { context: c.context } : {}), env: c.env });
      for (const [key, value] of Object.entries(c.expected)) expect(conn[key as keyof typeof conn], key).toBe(value);
    });
  }

  it('fails with a hint when nothing is configured', () => {
    expect(() => resolveConnection({ formatVersion: 1, currentContext: null, contexts: {} }, { env: {} })).toThrow(/no control plane is configured/);
  });

  it('fails on an unknown --context', () => expect(() => resolveConnection(config, { context: 'nope', env: {} })).toThrow(UserError));
});

describe('requireAdminToken', () => {
  it('returns the token', () => expect(requireAdminToken({ server: 's', token: 'pai_tok_x', contextName: null, source: 'environment' })).toBe('pai_tok_x'));

  it('explains that an access key is not enough', () => {
    const conn = resolveConnection(config, { context: 'dev@pairun', env: {} });
    expect(() => requireAdminToken(conn)).toThrow(/holds only an access key/);
  });

  it('says how to log in when there is no credential', () => {
    try {
      requireAdminToken({ server: 'http://127.0.0.1:7070', contextName: 'x', source: 'current-context' });
      expect.unreachable();
    } catch (err) {
      expect((err as UserError).hint).toContain('pai login http://127.0.0.1:7070');
    }
  });
});
