import { beforeAll, describe, expect, it } from 'vitest';
import { useFreshServer } from './fresh-server.js';
import { manifest, modelProvider, seedDependencies } from './manifests.js';

const ctx = useFreshServer();
// The server admits only what resolves: the Secret the sample ModelProviders name exists first.
beforeAll(async () => {
  for (const ns of ['race', 'allornothing']) await seedDependencies(ctx.api, ns);
});

describe('optimistic concurrency', () => {
  it('100 concurrent PUTs with the same resourceVersion: exactly one 200, 99 409s, generation consistent', async () => {
    const path = '/v1/namespaces/race/modelproviders/hot';
    const created = await ctx.api.put(path, modelProvider('hot', undefined, 1));
    const rv = created.body.metadata.resourceVersion;
    const responses = await Promise.all(
      Array.from({ length: 100 }, (_, i) => ctx.api.put(path, { ...modelProvider('hot', undefined, 1000 + i), metadata: { name: 'hot', resourceVersion: rv } })),
    );
    const ok = responses.filter((r) => r.status === 200);
    const conflicts = responses.filter((r) => r.status === 409);
    expect(ok).toHaveLength(1);
    expect(conflicts).toHaveLength(99);
    for (const c of conflicts) expect(c.body.error.reason).toBe('Conflict');
    const final = await ctx.api.get(path);
    expect(final.body).toEqual(ok[0]!.body);
    expect(final.body.metadata.generation).toBe(2);
  });

  it('25 writers that each re-read and retry on 409: every increment lands (no lost update)', async () => {
    const path = '/v1/namespaces/race/modelproviders/counter';
    await ctx.api.put(path, modelProvider('counter', undefined, 1));
    const increment = async (): Promise<number> => {
      for (let attempt = 1; ; attempt++) {
        const cur = (await ctx.api.get(path)).body;
        const next = { ...cur, spec: { ...cur.spec, maxTokensPerDay: cur.spec.maxTokensPerDay + 1 } };
        const res = await ctx.api.put(path, next);
        if (res.status === 200) return attempt;
        expect(res.status).toBe(409);
      }
    };
    await Promise.all(Array.from({ length: 25 }, increment));
    const final = (await ctx.api.get(path)).body;
    expect(final.spec.maxTokensPerDay).toBe(26);
    expect(final.metadata.generation).toBe(26);
  });
});

describe('POST /v1/batch', () => {
  it('applies every operation in one transaction and reports each', async () => {
    const res = await ctx.api.post('/v1/batch', {
      operations: [
        { op: 'create', resource: manifest('Secret', 'nv-api-key', { stringData: { 'api-key': 'batch-value' } }, 'batch') },
        {
          op: 'put',
          resource: {
            ...modelProvider('nv', 'batch'),
            spec: {
              provider: 'openai',
              endpoint: 'https://integrate.ctx.api.nvidia.com/v1',
              allowedModels: ['m'],
              apiKeySecretRef: { name: 'nv-api-key', key: 'api-key' },
            },
          },
        },
      ],
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.results.map((r: { op: string; status: number }) => [r.op, r.status])).toEqual([
      ['create', 201],
      ['put', 201],
    ]);
    expect(res.body.results[0].resource.status.keys[0].name).toBe('api-key');
    expect(res.text).not.toContain('batch-value');
    const del = await ctx.api.post('/v1/batch', {
      operations: [{ op: 'delete', resource: { kind: 'ModelProvider', metadata: { namespace: 'batch', name: 'nv' } } }],
    });
    expect(del.body.results[0]).toMatchObject({ op: 'delete', status: 200 });
    expect((await ctx.api.get('/v1/namespaces/batch/modelproviders/nv')).status).toBe(404);
  });

  it.each([
    ['the second create conflicts', { op: 'create', resource: modelProvider('taken', 'allornothing') }, 409, 'AlreadyExists'],
    ['the second is invalid', { op: 'create', resource: { ...modelProvider('bad', 'allornothing'), spec: { provider: 'nope' } } }, 422, 'Invalid'],
    [
      'the second deletes a missing resource',
      { op: 'delete', resource: { kind: 'Agent', metadata: { namespace: 'allornothing', name: 'ghost' } } },
      404,
      'NotFound',
    ],
    [
      'the second has a stale resourceVersion',
      { op: 'put', resource: { ...modelProvider('taken', 'allornothing'), metadata: { name: 'taken', namespace: 'allornothing', resourceVersion: '1' } } },
      409,
      'Conflict',
    ],
    ['the second has an unknown kind', { op: 'create', resource: { kind: 'Widget', metadata: { name: 'w' } } }, 400, 'BadRequest'],
  ])('all or nothing: when %s, the first is not written', async (_name, second, status, reason) => {
    await ctx.api.put('/v1/namespaces/allornothing/modelproviders/taken', modelProvider('taken', 'allornothing'));
    const before = (await ctx.api.get('/v1/namespaces/allornothing/secrets')).text;
    const res = await ctx.api.post('/v1/batch', {
      operations: [{ op: 'create', resource: manifest('Secret', 'first', { stringData: { k: 'v' } }, 'allornothing') }, second],
    });
    expect(res.status, res.text).toBe(status);
    expect(res.body.error).toMatchObject({ reason, operation: 1 });
    expect((await ctx.api.get('/v1/namespaces/allornothing/secrets/first')).status).toBe(404);
    expect((await ctx.api.get('/v1/namespaces/allornothing/secrets')).text).toBe(before);
  });
});
