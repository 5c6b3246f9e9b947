import { describe, expect, it } from 'vitest';
import { useFreshServer } from './fresh-server.js';
import { seedDependencies } from './manifests.js';

const ctx = useFreshServer();

describe('admin tokens', () => {
  it('create → usable at once, listed without the token, revoked → 401 at once', async () => {
    const created = await ctx.api.post('/v1/tokens', { name: 'ci' });
    expect(created.status, created.text).toBe(201);
    const ci = created.body.token as string;
    expect(ci).toMatch(/^pai_tok_/);
    expect((await ctx.api.get('/v1/whoami', { token: ci })).body).toEqual({ kind: 'AdminToken', name: 'ci', role: 'admin' });

    const listed = await ctx.api.get('/v1/tokens');
    expect(listed.body.items.map((t: { name: string }) => t.name)).toEqual(['admin', 'ci']);
    expect(listed.text).not.toContain(ci);
    expect(listed.text).not.toContain(ctx.server.token);
    for (const t of listed.body.items) expect(Object.keys(t).sort()).toEqual(['createdAt', 'expiresAt', 'lastUsed', 'name', 'role']);

    expect((await ctx.api.post('/v1/tokens', { name: 'ci' })).status).toBe(409);
    expect((await ctx.api.del('/v1/tokens/ci')).status).toBe(200);
    expect((await ctx.api.get('/v1/whoami', { token: ci })).status).toBe(401);
    expect((await ctx.api.del('/v1/tokens/ci')).status).toBe(404);
  });

  it('refuses to revoke the last token', async () => {
    const res = await ctx.api.del('/v1/tokens/admin');
    expect(res.status).toBe(409);
    expect(res.body.error.reason).toBe('Conflict');
    expect((await ctx.api.get('/v1/whoami')).status).toBe(200);
  });

  it.each([
    ['a missing name', {}],
    ['an invalid name', { name: 'Not Valid' }],
  ])('refuses %s with 400', async (_n, body) => {
    expect((await ctx.api.post('/v1/tokens', body)).status).toBe(400);
  });

  it('records lastUsed', async () => {
    const listed = await ctx.api.get('/v1/tokens');
    const admin = listed.body.items.find((t: { name: string }) => t.name === 'admin');
    expect(Date.parse(admin.lastUsed)).not.toBeNaN();
  });
});

describe('credential kinds are never interchangeable', () => {
  it.each([
    ['Bearer with no token', 'Bearer ', 401],
    ['Basic auth', 'Basic YWRtaW46YWRtaW4=', 401],
    ['a token with a pai_tok_ prefix but unknown', 'Bearer pai_tok_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 401],
    ['an AccessKey', 'Bearer pak_xxxxxxxxxxxxxxxxxxxxxxxx', 403],
  ])('/v1/ with %s → %i', async (_n, header, status) => {
    const res = await fetch(`${ctx.server.url}/v1/modelproviders`, { headers: { authorization: header } });
    expect(res.status).toBe(status);
  });

  it.each([
    ['no credential', null, 401, 'Unauthorized'],
    ['an admin token', 'admin', 403, 'WrongCredentialKind'],
    ['an unknown AccessKey', 'pak_xxxxxxxxxxxxxxxxxxxxxxxx', 401, 'Unauthorized'],
  ])('/ext/ (the gateway seam) with %s → %i', async (_n, token, status, reason) => {
    const res = await ctx.api.get('/ext/v1/models', { token: token === 'admin' ? ctx.server.token : token });
    expect(res.status).toBe(status);
    expect(res.body.error.reason).toBe(reason);
  });
});

describe('scoped, expiring admin tokens', () => {
  const secret = (name: string) => ({ apiVersion: 'pai.io/v1', kind: 'Secret', metadata: { name }, spec: { stringData: { k: 'v' } } });
  const make = async (name: string, body: Record<string, unknown> = {}) => {
    const res = await ctx.api.post('/v1/tokens', { name, ...body });
    expect(res.status, res.text).toBe(201);
    return res.body as { name: string; token: string; role: string; expiresAt: string | null };
  };

  it('read: GETs and LISTs everything, writes nothing, manages no tokens or keys', async () => {
    const { token, role } = await make('ci-plan', { role: 'read' });
    expect(role).toBe('read');
    expect((await ctx.api.get('/v1/whoami', { token })).body).toEqual({ kind: 'AdminToken', name: 'ci-plan', role: 'read' });
    expect((await ctx.api.get('/v1/secrets', { token })).status).toBe(200);
    expect((await ctx.api.get('/v1/namespaces/default/modelproviders?omit=last-applied', { token })).status).toBe(200);
    expect((await ctx.api.get('/v1/tokens', { token })).status).toBe(200);
    for (const [method, path, body] of [
      ['PUT', '/v1/namespaces/default/secrets/by-read', secret('by-read')],
      ['POST', '/v1/namespaces/default/secrets', secret('by-read')],
      ['DELETE', '/v1/namespaces/default/secrets/by-read', undefined],
      ['POST', '/v1/batch', { operations: [{ op: 'create', resource: secret('by-read') }] }],
      ['POST', '/v1/tokens', { name: 'by-read' }],
      ['DELETE', '/v1/tokens/admin', undefined],
      ['POST', '/v1/namespaces/default/accesskeys/k/keys', {}],
    ] as const) {
      const res = await ctx.api.call(method, path, body, { token });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error.reason).toBe('Forbidden');
      expect(res.body.error.message).toMatch(/role read; this call needs (apply|admin)/);
    }
    expect((await ctx.api.get('/v1/namespaces/default/secrets/by-read')).status).toBe(404);
  });

  it('apply: also writes resources and Secrets, but manages no tokens or AccessKey keys', async () => {
    const { token } = await make('ci-apply', { role: 'apply' });
    expect((await ctx.api.put('/v1/namespaces/default/secrets/by-apply', secret('by-apply'), { token })).status).toBe(201);
    expect((await ctx.api.post('/v1/batch', { operations: [{ op: 'put', resource: secret('by-apply') }] }, { token })).status).toBe(200);
    await seedDependencies(ctx.api, 'default'); // the ModelProvider the AccessKey binds
    const key = { apiVersion: 'pai.io/v1', kind: 'AccessKey', metadata: { name: 'from-git' }, spec: { modelProviders: ['nvidia'] } };
    expect((await ctx.api.put('/v1/namespaces/default/accesskeys/from-git', key, { token })).status).toBe(201);
    expect((await ctx.api.post('/v1/namespaces/default/accesskeys/from-git/keys', {}, { token })).status).toBe(403);
    expect((await ctx.api.post('/v1/tokens', { name: 'by-apply' }, { token })).status).toBe(403);
    expect((await ctx.api.del('/v1/tokens/ci-plan', { token })).status).toBe(403);
    expect((await ctx.api.del('/v1/namespaces/default/secrets/by-apply', { token })).status).toBe(200);
  });

  it('an expired token gets 401 TokenExpired; a past expiry or an unknown role is refused', async () => {
    const expiresAt = new Date(Date.now() + 1500).toISOString();
    const { token } = await make('short', { role: 'read', expiresAt });
    expect((await ctx.api.get('/v1/whoami', { token })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1600));
    const res = await ctx.api.get('/v1/whoami', { token });
    expect(res.status).toBe(401);
    expect(res.body.error.reason).toBe('TokenExpired');
    expect(res.body.error.message).toContain(expiresAt);
    expect((await ctx.api.post('/v1/tokens', { name: 'past', expiresAt: '2001-01-01T00:00:00Z' })).status).toBe(400);
    expect((await ctx.api.post('/v1/tokens', { name: 'odd', role: 'root' })).body.error.message).toMatch(/"role" is not a token role/);
    expect((await ctx.api.post('/v1/tokens', { name: 'odd', expiresAt: 'tomorrow' })).status).toBe(400);
    expect((await ctx.api.post('/v1/tokens', { name: 'odd', scope: 'all' })).status).toBe(400);
  });

  it('lists role and expiry; the bootstrap token is admin; only the last live admin token is kept', async () => {
    const items = (await ctx.api.get('/v1/tokens')).body.items as Array<{ name: string; role: string; expiresAt: string | null }>;
    expect(items.find((t) => t.name === 'admin')).toMatchObject({ role: 'admin', expiresAt: null });
    expect(items.find((t) => t.name === 'ci-plan')).toMatchObject({ role: 'read', expiresAt: null });
    expect(items.find((t) => t.name === 'short')?.expiresAt).toMatch(/Z$/);
    // Non-admin tokens do not count: "admin" is the last one that can manage tokens.
    expect((await ctx.api.del('/v1/tokens/admin')).status).toBe(409);
    expect((await ctx.api.del('/v1/tokens/ci-plan')).status).toBe(200);
  });
});
