import { describe, expect, it } from 'vitest';
import { AdminTokenVerifier } from '../../../src/server/http/admin-token-verifier.js';
import { silentLogger } from '../../../src/server/http/logger.js';
import { hashToken, type AdminTokenHash, type TokenStore } from '../../../src/server/store/token-store.js';

/** A TokenStore stand-in: a list of tokens, a count of hash queries, touches recorded. */
function fakeTokens(initial: Record<string, string>) {
  const tokens = new Map(Object.entries(initial));
  const state = { queries: 0, touched: [] as string[], gate: undefined as Promise<void> | undefined };
  const store = {
    hashes: async (): Promise<AdminTokenHash[]> => {
      state.queries++;
      const snapshot = [...tokens].map(([name, token]) => ({ name, hash: hashToken(token), role: 'admin' as const, expiresAt: null }));
      await state.gate;
      return snapshot;
    },
    touch: async (name: string) => void state.touched.push(name),
  } as unknown as TokenStore;
  return { store, tokens, state };
}

describe('AdminTokenVerifier', () => {
  it('gives the matching token\'s grant, and undefined for an unknown one', async () => {
    const { store } = fakeTokens({ admin: 'pai_tok_a', ci: 'pai_tok_c' });
    const v = new AdminTokenVerifier(store, silentLogger);
    expect(await v.verify('pai_tok_c')).toEqual({ name: 'ci', role: 'admin', expiresAt: null });
    expect(await v.verify('pai_tok_x')).toBeUndefined();
  });

  it('caches hashes, and reloads once on a miss (a token made by another server)', async () => {
    const { store, tokens, state } = fakeTokens({ admin: 'pai_tok_a' });
    const v = new AdminTokenVerifier(store, silentLogger);
    await v.verify('pai_tok_a');
    await v.verify('pai_tok_a');
    expect(state.queries).toBe(1);
    tokens.set('other', 'pai_tok_o');
    expect((await v.verify('pai_tok_o'))?.name).toBe('other');
    expect(state.queries).toBe(2);
  });

  it('concurrent misses share one reload', async () => {
    const { store, state } = fakeTokens({ admin: 'pai_tok_a' });
    const v = new AdminTokenVerifier(store, silentLogger);
    await v.verify('pai_tok_a');
    await Promise.all(Array.from({ length: 50 }, () => v.verify('pai_tok_bad')));
    expect(state.queries).toBe(2);
  });

  it('a reload that started before invalidate() does not bring a revoked token back', async () => {
    const { store, tokens, state } = fakeTokens({ admin: 'pai_tok_a', old: 'pai_tok_old' });
    const v = new AdminTokenVerifier(store, silentLogger, 0); // refresh on every call
    let open!: () => void;
    state.gate = new Promise((r) => (open = r));
    const inFlight = v.verify('pai_tok_a'); // reads both tokens, then waits
    tokens.delete('old');
    v.invalidate();
    open();
    await inFlight;
    state.gate = undefined;
    expect(await v.verify('pai_tok_old')).toBeUndefined();
  });

  it('records use at most once a minute per token', async () => {
    const { store, state } = fakeTokens({ admin: 'pai_tok_a' });
    const v = new AdminTokenVerifier(store, silentLogger);
    for (let i = 0; i < 5; i++) await v.verify('pai_tok_a');
    expect(state.touched).toEqual(['admin']);
  });
});
