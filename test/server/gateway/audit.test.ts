import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashAccessKey, keyIdOf } from '../../../src/server/gateway/access-keys/access-key-token.js';
import { manifests as m, startHarness, T0, type Harness } from './harness.js';

// Every refusal of a gateway credential leaves an audit line that says which key (its id, 8 hex
// digits of its SHA-256, never the key), and so does every model listing.
let h: Harness;
const keys: Record<string, string> = {};
const chat = { model: 'open/m1', messages: [{ role: 'user', content: 'hi' }] };

beforeAll(async () => {
  h = await startHarness();
  await h.apply(
    m.secret('open-key', 'sk-open'),
    m.provider('open', `${h.upstream.url}/v1`, { allowedModels: ['m1'] }),
    m.accessKey('good', { modelProviders: ['open'] }),
    m.accessKey('lan', { modelProviders: ['open'], allowedCIDRs: ['10.0.0.0/8'] }),
    m.accessKey('old', { modelProviders: ['open'], expiresAt: new Date(T0 - 1000).toISOString() }),
    m.accessKey('gone', { modelProviders: ['open'] }),
  );
  for (const name of ['good', 'lan', 'old', 'gone']) keys[name] = await h.mintKey(name);
  expect((await h.api('DELETE', '/v1/namespaces/default/accesskeys/gone/keys')).status).toBe(200);
});
afterAll(() => h.close());

const idOf = (key: string) => keyIdOf(hashAccessKey(key));

/** The audit lines written while `fn` ran. */
async function auditOf(fn: () => Promise<Response>): Promise<Array<Record<string, unknown>>> {
  const from = h.logs.length;
  const res = await fn();
  await res.text();
  // The line is written as the answer goes out; give the event loop a turn to finish it.
  await new Promise((r) => setImmediate(r));
  return h.logs.slice(from).filter((l) => l.msg === 'gateway request');
}

describe('every refusal of a gateway credential is audited, with the key id and never the key', () => {
  it.each([
    ['no credential', () => undefined, 401, 'invalid_api_key', () => null, null],
    ['an unknown key', () => 'pak_unknownunknownunknownunknown', 401, 'invalid_api_key', () => idOf('pak_unknownunknownunknownunknown'), null],
    ['a revoked key', () => keys.gone, 401, 'invalid_api_key', () => idOf(keys.gone!), null],
    ['an admin token (wrong kind)', () => h.adminToken, 403, 'wrong_credential_kind', () => null, null],
    ['an expired key', () => keys.old, 401, 'access_key_expired', () => idOf(keys.old!), 'default/old'],
    ['a key used from outside its allowedCIDRs', () => keys.lan, 403, 'client_ip_not_allowed', () => idOf(keys.lan!), 'default/lan'],
  ])('%s', async (_what, key, status, code, keyId, name) => {
    for (const [route, call] of [
      ['chat', () => h.ext('/chat/completions', { ...(key() ? { key: key()! } : {}), body: chat })],
      ['models', () => h.ext('/models', { ...(key() ? { key: key()! } : {}) })],
    ] as const) {
      const lines = await auditOf(call);
      expect(lines, route).toHaveLength(1);
      expect(lines[0]).toMatchObject({ route, status, code, key_id: keyId(), key: name });
      const text = JSON.stringify(lines);
      for (const secret of [keys.good, keys.gone, keys.old, keys.lan, h.adminToken]) expect(text).not.toContain(secret);
    }
  });

  it('a model listing is audited like a call', async () => {
    const lines = await auditOf(() => h.ext('/models', { key: keys.good! }));
    expect(lines).toEqual([expect.objectContaining({ route: 'models', status: 200, code: null, key: 'default/good', key_id: idOf(keys.good!) })]);
  });

  it('a served call carries the key id too', async () => {
    const lines = await auditOf(() => h.ext('/chat/completions', { key: keys.good!, body: chat }));
    expect(lines).toEqual([expect.objectContaining({ route: 'chat', status: 200, key: 'default/good', key_id: idOf(keys.good!) })]);
  });
});
