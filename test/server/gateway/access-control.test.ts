import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifests as m, startHarness, T0, type Harness } from './harness.js';
import { jsonOf } from '../../helpers/json.js';

let h: Harness;
const keys: Record<string, string> = {};
const chat = (model: string) => ({ model, messages: [{ role: 'user', content: 'hi' }] });

beforeAll(async () => {
  h = await startHarness();
  const up = `${h.upstream.url}/v1`;
  await h.apply(
    m.secret('open-key', 'sk-open'),
    m.secret('closed-key', 'sk-closed'),
    m.provider('open', up, { allowedModels: ['m1', 'm2', 'm3'], deniedModels: ['m3'] }),
    m.provider('closed', up, { allowedModels: ['m1'] }),
    m.accessKey('any', { modelProviders: ['open', 'closed'] }),
    m.accessKey('narrow', { modelProviders: ['open'], allowedModels: ['m1'] }),
    m.accessKey('lan', { modelProviders: ['open'], allowedCIDRs: ['10.0.0.0/8'] }),
    m.accessKey('local', { modelProviders: ['open'], allowedCIDRs: ['127.0.0.0/8', '::1/128'] }),
    m.accessKey('old', { modelProviders: ['open'], expiresAt: new Date(T0 - 1000).toISOString() }),
    // Closed after the key was made (admission refuses binding a key to a closed provider; an
    // update of the provider is not refused): the gateway still checks on every request.
    m.provider('closed', up, { allowedModels: ['m1'], externalAccess: { enabled: false } }),
  );
  for (const name of ['any', 'narrow', 'lan', 'local', 'old']) keys[name] = await h.mintKey(name);
});
afterAll(() => h.close());

describe('what an AccessKey may call', () => {
  it.each([
    ['a model the key allows', 'narrow', 'open/m1', 200, undefined],
    ['a model outside the key’s allowedModels (keys only narrow)', 'narrow', 'open/m2', 403, 'model_not_allowed'],
    ['a model the provider denies, even if it allows it too (deniedModels wins)', 'any', 'open/m3', 403, 'model_not_allowed'],
    ['a model outside the provider’s allowedModels', 'any', 'open/m9', 403, 'model_not_allowed'],
    ['a provider whose externalAccess is not enabled', 'any', 'closed/m1', 403, 'external_access_disabled'],
    ['a provider that does not exist', 'any', 'nope/m1', 404, 'model_not_found'],
    ['a bare model id, resolved to the bound provider that allows it', 'narrow', 'm1', 200, undefined],
    ['from outside the key’s allowedCIDRs (the socket is 127.0.0.1)', 'lan', 'open/m1', 403, 'client_ip_not_allowed'],
    ['from inside the key’s allowedCIDRs', 'local', 'open/m1', 200, undefined],
    ['with a key past its expiresAt', 'old', 'open/m1', 401, 'access_key_expired'],
  ])('%s (key %s, model %s) → %i', async (_what, key, model, status, code) => {
    const res = await h.ext('/chat/completions', { key: keys[key], body: chat(model) });
    expect(res.status).toBe(status);
    const body = await jsonOf(res);
    if (code) {
      expect(body.error).toMatchObject({ code, type: expect.any(String) });
      expect(body.error).toHaveProperty('param');
      expect(body.error.message).toMatch(/\w/);
    }
  });

  it('does not believe X-Forwarded-For unless the server trusts its proxy', async () => {
    const res = await h.ext('/chat/completions', { key: keys.lan, body: chat('open/m1'), headers: { 'x-forwarded-for': '10.1.2.3' } });
    expect(res.status).toBe(403);
  });

  it('lists only what the key may call', async () => {
    const ids = (key: string) => h.ext('/models', { key: keys[key] }).then(async (r) => ((await jsonOf(r)).data as Array<{ id: string }>).map((d) => d.id).sort());
    expect(await ids('any')).toEqual(['open/m1', 'open/m2']);
    expect(await ids('narrow')).toEqual(['open/m1']);
  });
});

describe('credentials on /ext/ and /v1/', () => {
  it.each([
    ['no credential', undefined, 401, 'invalid_api_key'],
    ['an unknown pak_ key', 'pak_unknownunknownunknownunknown', 401, 'invalid_api_key'],
    ['an admin token (pai_tok_)', 'ADMIN', 403, 'wrong_credential_kind'],
  ])('/ext/ with %s (%s) → %i in the OpenAI error shape', async (_what, key, status, code) => {
    const res = await h.ext('/chat/completions', { ...(key ? { key: key === 'ADMIN' ? h.adminToken : key } : {}), body: chat('open/m1') });
    expect(res.status).toBe(status);
    expect((await jsonOf(res)).error).toMatchObject({ code, type: expect.any(String), message: expect.any(String) });
  });

  it('an AccessKey on the control-plane API (/v1/) → 403', async () => {
    const res = await fetch(`${h.url}/v1/modelproviders`, { headers: { authorization: `Bearer ${keys.any}` } });
    expect(res.status).toBe(403);
    expect((await jsonOf(res)).error.reason).toBe('WrongCredentialKind');
  });

  it('a revoked key stops working at once; a rotated key replaces the old one', async () => {
    await h.apply(m.accessKey('temp', { modelProviders: ['open'] }));
    const first = await h.mintKey('temp');
    expect((await h.ext('/models', { key: first })).status).toBe(200);
    const second = await h.mintKey('temp');
    expect((await h.ext('/models', { key: first })).status).toBe(401);
    expect((await h.ext('/models', { key: second })).status).toBe(200);
    expect((await h.api('DELETE', '/v1/namespaces/default/accesskeys/temp/keys')).status).toBe(200);
    expect((await h.ext('/models', { key: second })).status).toBe(401);
    expect((await h.api('DELETE', '/v1/namespaces/default/accesskeys/temp/keys')).status).toBe(404);
  });

  it('an AccessKey applied without a key has none until it is rotated; deleting it deletes its key', async () => {
    await h.apply(m.accessKey('gitops', { modelProviders: ['open'] }));
    const got = await h.api('GET', '/v1/namespaces/default/accesskeys/gitops');
    expect(got.body.status.keyId).toBeUndefined();
    const key = await h.mintKey('gitops');
    expect((await h.ext('/models', { key })).status).toBe(200);
    expect((await h.api('DELETE', '/v1/namespaces/default/accesskeys/gitops')).status).toBe(200);
    expect((await h.ext('/models', { key })).status).toBe(401);
  });

  it('mints and creates in one transaction: an invalid AccessKey creates nothing', async () => {
    const bad = await h.api('POST', '/v1/namespaces/default/accesskeys/broken/keys', { create: m.accessKey('broken', { allowedModels: ['x'] }) });
    expect(bad.status).toBe(422);
    expect((await h.api('GET', '/v1/namespaces/default/accesskeys/broken')).status).toBe(404);
    const ok = await h.api('POST', '/v1/namespaces/default/accesskeys/fresh/keys', { create: m.accessKey('fresh', { modelProviders: ['open'] }) });
    expect(ok.status).toBe(201);
    expect(ok.body.key).toMatch(/^pak_[A-Za-z0-9_-]{43}$/);
    expect(ok.body.accessKey.status.keyId).toMatch(/^[0-9a-f]{8}$/);
    const again = await h.api('POST', '/v1/namespaces/default/accesskeys/fresh/keys', { create: m.accessKey('fresh', { modelProviders: ['open'] }) });
    expect(again.status).toBe(409);
    expect((await h.ext('/models', { key: ok.body.key })).status).toBe(200);
  });
});

describe('behind a trusted proxy', () => {
  it('takes the client address from X-Forwarded-For only when the server is told to', async () => {
    const trusted = await startHarness({ trustProxy: true });
    try {
      await trusted.apply(m.secret('open-key', 'sk'), m.provider('open', `${trusted.upstream.url}/v1`, { allowedModels: ['m1'] }), m.accessKey('lan', { modelProviders: ['open'], allowedCIDRs: ['10.0.0.0/8'] }));
      const key = await trusted.mintKey('lan');
      expect((await trusted.ext('/chat/completions', { key, body: chat('open/m1'), headers: { 'x-forwarded-for': '10.1.2.3' } })).status).toBe(200);
      expect((await trusted.ext('/chat/completions', { key, body: chat('open/m1'), headers: { 'x-forwarded-for': '192.0.2.1' } })).status).toBe(403);
    } finally {
      await trusted.close();
    }
  });
});
