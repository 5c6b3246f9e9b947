import { beforeAll, describe, expect, it } from 'vitest';
import { useFreshServer } from './fresh-server.js';
import { manifest, modelProvider, SAMPLE_SPECS, seedDependencies } from './manifests.js';

const ctx = useFreshServer();
// The server admits only what resolves: the samples' Secrets and ModelProviders exist first.
beforeAll(async () => {
  for (const ns of ['crud', 'omit', 'gen', 'implicit', 'list-a', 'list-b']) await seedDependencies(ctx.api, ns);
});

describe('CRUD of every kind', () => {
  for (const [kind, { plural, spec, changed }] of Object.entries(SAMPLE_SPECS)) {
    it(`${kind}: create, get, replace, list, delete`, async () => {
      const base = `/v1/namespaces/crud/${plural}`;
      const created = await ctx.api.post(base, manifest(kind, 'one', spec));
      expect(created.status, created.text).toBe(201);
      const meta = created.body.metadata;
      expect(meta).toMatchObject({ name: 'one', namespace: 'crud', generation: 1 });
      expect(meta.uid).toMatch(/^[0-9a-f-]{36}$/);
      expect(meta.resourceVersion).toMatch(/^[0-9]+$/);
      expect(Date.parse(meta.creationTimestamp)).not.toBeNaN();

      const got = await ctx.api.get(`${base}/one`);
      expect(got.status).toBe(200);
      expect(got.body).toEqual(created.body);

      const replaced = await ctx.api.put(`${base}/one`, { ...manifest(kind, 'one', changed), metadata: { name: 'one', resourceVersion: meta.resourceVersion } });
      expect(replaced.status, replaced.text).toBe(200);
      expect(replaced.body.metadata.generation).toBe(2);
      expect(replaced.body.metadata.uid).toBe(meta.uid);
      expect(replaced.body.metadata.creationTimestamp).toBe(meta.creationTimestamp);
      expect(BigInt(replaced.body.metadata.resourceVersion)).toBeGreaterThan(BigInt(meta.resourceVersion));

      const listed = await ctx.api.get(base);
      expect(listed.status).toBe(200);
      expect(listed.body).toMatchObject({ apiVersion: 'pai.io/v1', kind: `${kind}List` });
      expect(listed.body.items.filter((i: { metadata: { name: string } }) => i.metadata.name === 'one')).toEqual([replaced.body]);

      const deleted = await ctx.api.del(`${base}/one`);
      expect(deleted.status).toBe(200);
      expect(deleted.body).toEqual(replaced.body);
      expect((await ctx.api.get(`${base}/one`)).status).toBe(404);
      expect((await ctx.api.del(`${base}/one`)).status).toBe(404);
    });
  }

  it('LIST ?omit=last-applied leaves out only the last-applied annotation, across and within namespaces', async () => {
    const annotations = { 'pai.io/managed-by': 'local:x', 'pai.io/last-applied': '{"spec":{}}', team: 'infra' };
    const created = await ctx.api.post('/v1/namespaces/omit/modelproviders', { ...modelProvider('omitted'), metadata: { name: 'omitted', annotations } });
    expect(created.status, created.text).toBe(201);
    const { 'pai.io/last-applied': _record, ...kept } = annotations;
    for (const path of ['/v1/modelproviders?omit=last-applied', '/v1/namespaces/omit/modelproviders?omit=last-applied']) {
      const listed = await ctx.api.get(path);
      expect(listed.status).toBe(200);
      const item = listed.body.items.find((i: { metadata: { name: string } }) => i.metadata.name === 'omitted');
      expect(item).toEqual({ ...created.body, metadata: { ...created.body.metadata, annotations: kept } });
    }
    // The full view (and its cached listing) still has it.
    const full = await ctx.api.get('/v1/modelproviders');
    expect(full.body.items.find((i: { metadata: { name: string } }) => i.metadata.name === 'omitted')).toEqual(created.body);
    const bad = await ctx.api.get('/v1/modelproviders?omit=spec');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/omit="spec" is not supported/);
  });

  it('a Secret returns sorted keys with fingerprints and a salt, never values', async () => {
    const res = await ctx.api.post(
      '/v1/namespaces/crud/secrets',
      manifest('Secret', 'multi', {
        type: 'Opaque',
        stringData: { zeta: 'z-value', alpha: 'a-value' },
        data: { bin: Buffer.from([0, 1, 2]).toString('base64') },
      }),
    );
    expect(res.status, res.text).toBe(201);
    expect(res.body.spec).toEqual({ type: 'Opaque' });
    const { salt, keys } = res.body.status;
    expect(salt).toMatch(/^[0-9a-f]{32}$/);
    expect(keys.map((k: { name: string }) => k.name)).toEqual(['alpha', 'bin', 'zeta']);
    const { createHash } = await import('node:crypto');
    const fp = (key: string, value: Buffer) => 'sha256:' + createHash('sha256').update(`${salt}:${key}:`).update(value).digest('hex');
    expect(keys).toEqual([
      { name: 'alpha', fingerprint: fp('alpha', Buffer.from('a-value')) },
      { name: 'bin', fingerprint: fp('bin', Buffer.from([0, 1, 2])) },
      { name: 'zeta', fingerprint: fp('zeta', Buffer.from('z-value')) },
    ]);
    expect(res.text).not.toContain('a-value');
  });

  it('generation moves only when the spec (or a secret value) changes', async () => {
    const base = '/v1/namespaces/gen/modelproviders';
    await ctx.api.post(base, modelProvider('mp'));
    const sameSpec = await ctx.api.put(`${base}/mp`, { ...modelProvider('mp'), metadata: { name: 'mp', annotations: { 'pai.io/managed-by': 'test' } } });
    expect(sameSpec.body.metadata).toMatchObject({ generation: 1, annotations: { 'pai.io/managed-by': 'test' } });
    const secret = '/v1/namespaces/gen/secrets';
    await ctx.api.post(secret, manifest('Secret', 's', { stringData: { k: 'v1' } }));
    expect((await ctx.api.put(`${secret}/s`, manifest('Secret', 's', { stringData: { k: 'v1' } }))).body.metadata.generation).toBe(1);
    expect((await ctx.api.put(`${secret}/s`, manifest('Secret', 's', { stringData: { k: 'v2' } }))).body.metadata.generation).toBe(2);
  });

  it('PUT creates when absent (201) and server-owned fields in the body are ignored', async () => {
    const body = {
      ...modelProvider('fresh'),
      metadata: { name: 'fresh', uid: 'not-mine', generation: 99, creationTimestamp: '2000-01-01T00:00:00Z' },
      status: { tokensUsedToday: 5 },
    };
    const res = await ctx.api.put('/v1/namespaces/gen/modelproviders/fresh', body);
    expect(res.status, res.text).toBe(201);
    expect(res.body.metadata.uid).not.toBe('not-mine');
    expect(res.body.metadata.generation).toBe(1);
    expect(res.body.metadata.creationTimestamp).not.toBe('2000-01-01T00:00:00Z');
    expect(res.body.status).toEqual({ lastUsed: null, tokensUsedToday: 0 });
  });

  it('namespace defaults to the path and apiVersion/kind may be omitted', async () => {
    const res = await ctx.api.post('/v1/namespaces/implicit/modelproviders', { metadata: { name: 'x' }, spec: modelProvider('x').spec });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ apiVersion: 'pai.io/v1', kind: 'ModelProvider', metadata: { namespace: 'implicit' } });
  });
});

describe('LIST', () => {
  it('returns a kind across namespaces or in one, sorted by namespace then name, with the store version', async () => {
    for (const [ns, name] of [
      ['list-b', 'b'],
      ['list-a', 'z'],
      ['list-b', 'a'],
      ['list-a', 'a-1'],
      ['list-a', 'a'],
    ]) {
      expect((await ctx.api.post(`/v1/namespaces/${ns}/agents`, manifest('Agent', name!, { models: ['anthropic/claude-haiku-4-5'] }))).status).toBe(201);
    }
    const all = await ctx.api.get('/v1/agents');
    const keys = all.body.items
      .map((i: { metadata: { namespace: string; name: string } }) => `${i.metadata.namespace}/${i.metadata.name}`)
      .filter((k: string) => k.startsWith('list-'));
    expect(keys).toEqual(['list-a/a', 'list-a/a-1', 'list-a/z', 'list-b/a', 'list-b/b']);
    const one = await ctx.api.get('/v1/namespaces/list-b/agents');
    expect(one.body.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual(['a', 'b']);
    const maxItemVersion = Math.max(...all.body.items.map((i: { metadata: { resourceVersion: string } }) => Number(i.metadata.resourceVersion)));
    expect(Number(all.body.metadata.resourceVersion)).toBeGreaterThanOrEqual(maxItemVersion);
    expect((await ctx.api.get('/v1/namespaces/nobody-here/agents')).body.items).toEqual([]);
  });

  it('a delete moves the store version, so "same version" means "same data"', async () => {
    await ctx.api.post('/v1/namespaces/list-v/agents', manifest('Agent', 'gone', {}));
    const before = (await ctx.api.get('/v1/namespaces/list-v/agents')).body.metadata.resourceVersion;
    await ctx.api.del('/v1/namespaces/list-v/agents/gone');
    const after = (await ctx.api.get('/v1/namespaces/list-v/agents')).body.metadata.resourceVersion;
    expect(BigInt(after)).toBeGreaterThan(BigInt(before));
  });
});

describe('meta routes', () => {
  it('healthz and openapi.json need no credential; whoami names the token', async () => {
    expect((await ctx.api.get('/healthz', { token: null })).body).toEqual({ status: 'ok' });
    const openapi = await ctx.api.get('/openapi.json', { token: null });
    expect(openapi.status).toBe(200);
    expect(openapi.body.openapi).toMatch(/^3\.1/);
    expect((await ctx.api.get('/v1/whoami')).body).toEqual({ kind: 'AdminToken', name: 'admin', role: 'admin' });
  });

  it('logs JSON lines without bodies', async () => {
    const lines = ctx.server
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'));
    for (const line of lines) expect(Object.keys(JSON.parse(line))).toEqual(expect.arrayContaining(['time', 'level', 'msg']));
    expect(ctx.server.output()).not.toContain('first-value');
  });
});
