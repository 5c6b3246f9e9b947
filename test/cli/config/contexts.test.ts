import { UserError } from '../../../src/lib/user-error.js';
import { describe, expect, it } from 'vitest';
import { emptyConfig, type PaiConfig } from '../../../src/cli/config/config-file.js';
import { credentialKinds, defaultContextName, deleteContext, logoutContext, saveLogin, setContextNamespace, useContext } from '../../../src/cli/config/contexts.js';

const twoContexts = (): PaiConfig => ({
  formatVersion: 1,
  currentContext: 'admin@127.0.0.1:7070',
  contexts: {
    'admin@127.0.0.1:7070': { server: 'http://127.0.0.1:7070', token: 'pai_tok_local' },
    'prod@pairun': { server: 'https://pairun.dev', accessKey: 'pak_prod' },
  },
});

describe('defaultContextName', () => {
  const cases: Array<[string, string, string, string]> = [
    ['user and host:port', 'admin', 'http://127.0.0.1:7070', 'admin@127.0.0.1:7070'],
    ['a host on the default port', 'ci', 'https://pairun.dev', 'ci@pairun.dev'],
    ['odd characters in the user are replaced', 'Jane Doe/x', 'https://pairun.dev', 'Jane-Doe-x@pairun.dev'],
    ['an empty user becomes "user"', '  ', 'https://pairun.dev', 'user@pairun.dev'],
  ];
  for (const [title, user, url, expected] of cases) it(title, () => expect(defaultContextName(user, url)).toBe(expected));
});

describe('context edits', () => {
  it('saveLogin adds a context and makes it current', () => {
    const next = saveLogin(emptyConfig(), 'admin@127.0.0.1:7070', { server: 'http://127.0.0.1:7070', token: 'pai_tok_a' });
    expect(next.currentContext).toBe('admin@127.0.0.1:7070');
    expect(next.contexts['admin@127.0.0.1:7070']).toEqual({ server: 'http://127.0.0.1:7070', token: 'pai_tok_a' });
  });

  it('saveLogin keeps the other credential kind for the same server', () => {
    const next = saveLogin(twoContexts(), 'admin@127.0.0.1:7070', { server: 'http://127.0.0.1:7070', accessKey: 'pak_dev' });
    expect(next.contexts['admin@127.0.0.1:7070']).toEqual({ server: 'http://127.0.0.1:7070', token: 'pai_tok_local', accessKey: 'pak_dev' });
  });

  it('saveLogin drops credentials of a different server under the same name', () => {
    const next = saveLogin(twoContexts(), 'admin@127.0.0.1:7070', { server: 'http://127.0.0.1:9999', accessKey: 'pak_dev' });
    expect(next.contexts['admin@127.0.0.1:7070']).toEqual({ server: 'http://127.0.0.1:9999', accessKey: 'pak_dev' });
  });

  it('saveLogin without use keeps the current context, and takes the new one when none is current', () => {
    const kept = saveLogin(twoContexts(), 'alice@pairun', { server: 'https://pairun.dev', accessKey: 'pak_alice' }, { use: false });
    expect(kept.currentContext).toBe('admin@127.0.0.1:7070');
    expect(kept.contexts['alice@pairun']).toEqual({ server: 'https://pairun.dev', accessKey: 'pak_alice' });
    expect(saveLogin(emptyConfig(), 'alice@pairun', { server: 'https://pairun.dev', accessKey: 'pak_alice' }, { use: false }).currentContext).toBe('alice@pairun');
  });

  it('saveLogin keeps the namespace of a context on the same server unless a new one is given', () => {
    const withNs = setContextNamespace(twoContexts(), 'admin@127.0.0.1:7070', 'team-a');
    expect(saveLogin(withNs, 'admin@127.0.0.1:7070', { server: 'http://127.0.0.1:7070', token: 'pai_tok_b' }).contexts['admin@127.0.0.1:7070']!.namespace).toBe('team-a');
    expect(saveLogin(withNs, 'admin@127.0.0.1:7070', { server: 'http://127.0.0.1:7070', token: 'pai_tok_b', namespace: 'team-b' }).contexts['admin@127.0.0.1:7070']!.namespace).toBe('team-b');
    expect(saveLogin(withNs, 'admin@127.0.0.1:7070', { server: 'http://127.0.0.1:9999', token: 'pai_tok_b' }).contexts['admin@127.0.0.1:7070']!.namespace).toBeUndefined();
  });

  it('setContextNamespace sets and clears a namespace; an unknown context is a UserError', () => {
    const set = setContextNamespace(twoContexts(), 'prod@pairun', 'team-a');
    expect(set.contexts['prod@pairun']).toEqual({ server: 'https://pairun.dev', accessKey: 'pak_prod', namespace: 'team-a' });
    expect(setContextNamespace(set, 'prod@pairun', null).contexts['prod@pairun']).toEqual({ server: 'https://pairun.dev', accessKey: 'pak_prod' });
    expect(() => setContextNamespace(set, 'nope', 'x')).toThrow(UserError);
  });

  it('useContext switches the current context', () => expect(useContext(twoContexts(), 'prod@pairun').currentContext).toBe('prod@pairun'));

  it('useContext of an unknown name lists the known ones', () => {
    expect(() => useContext(twoContexts(), 'nope')).toThrow(UserError);
    try {
      useContext(twoContexts(), 'nope');
    } catch (err) {
      expect((err as UserError).hint).toContain('admin@127.0.0.1:7070, prod@pairun');
    }
  });

  it('deleteContext of the current context leaves none current', () => {
    const next = deleteContext(twoContexts(), 'admin@127.0.0.1:7070');
    expect(next.currentContext).toBeNull();
    expect(Object.keys(next.contexts)).toEqual(['prod@pairun']);
  });

  it('deleteContext of another context keeps the current one', () => {
    expect(deleteContext(twoContexts(), 'prod@pairun').currentContext).toBe('admin@127.0.0.1:7070');
  });

  it('logoutContext forgets credentials but keeps the server', () => {
    expect(logoutContext(twoContexts(), 'admin@127.0.0.1:7070').contexts['admin@127.0.0.1:7070']).toEqual({ server: 'http://127.0.0.1:7070' });
  });

  it('credentialKinds names what a context holds without the values', () => {
    expect(credentialKinds({ server: 'x', token: 't', accessKey: 'k' })).toEqual(['token', 'access-key']);
    expect(credentialKinds({ server: 'x' })).toEqual([]);
  });
});
