import { describe, expect, it } from 'vitest';
import { useFreshServer } from './fresh-server.js';

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
