import { beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from '../../helpers/raw-http.js';
import { useFreshServer } from './fresh-server.js';
import type { ApiResponse } from './api-client.js';
import { manifest, modelProvider, seedDependencies } from './manifests.js';

const ctx = useFreshServer();

beforeAll(async () => {
  await seedDependencies(ctx.api, 'default');
  expect((await ctx.api.post('/v1/namespaces/default/modelproviders', modelProvider('existing'))).status).toBe(201);
  expect((await ctx.api.post('/v1/namespaces/default/secrets', manifest('Secret', 'existing', { stringData: { k: 'v' } }))).status).toBe(201);
});

/** Everything the store holds, as the API lists it. */
async function snapshot(): Promise<string> {
  const parts: string[] = [];
  for (const plural of ['secrets', 'guardbindings', 'modelproviders', 'providers', 'agents', 'accesskeys']) parts.push((await ctx.api.get(`/v1/${plural}`)).text);
  parts.push((await ctx.api.get('/v1/tokens')).text.replace(/"lastUsed":"[^"]*"/g, ''));
  return parts.join('\n');
}

function expectError(res: ApiResponse, status: number, reason: string): void {
  expect(res.status, res.text).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(res.body).toEqual({ error: expect.objectContaining({ status, reason, message: expect.any(String) }) });
  expect(Object.keys(res.body.error).every((k) => ['status', 'reason', 'message', 'hint', 'diagnostics', 'operation'].includes(k))).toBe(true);
}

const MP = '/v1/namespaces/default/modelproviders';

const CASES: Array<[string, () => Promise<ApiResponse>, number, string]> = [
  ['invalid JSON', () => ctx.api.post(MP, undefined, { rawBody: '{"apiVersion": "pai.io/v1", "kind": ' }), 400, 'BadRequest'],
  ['a JSON array instead of a manifest', () => ctx.api.post(MP, [modelProvider('arr')]), 400, 'BadRequest'],
  ['a "__proto__" key', () => ctx.api.post(MP, undefined, { rawBody: '{"metadata":{"name":"p"},"__proto__":{"x":1}}' }), 400, 'BadRequest'],
  ['kind in the body differs from the path', () => ctx.api.post(MP, manifest('Agent', 'wrong-kind', {})), 400, 'BadRequest'],
  ['apiVersion is not pai.io/v1', () => ctx.api.post(MP, { ...modelProvider('v'), apiVersion: 'pai.io/v2' }), 400, 'BadRequest'],
  ['namespace in the body differs from the path', () => ctx.api.post(MP, modelProvider('ns', 'other')), 400, 'BadRequest'],
  ['name in the body differs from the path', () => ctx.api.put(`${MP}/existing`, modelProvider('not-existing')), 400, 'BadRequest'],
  [
    'a malformed resourceVersion',
    () => ctx.api.put(`${MP}/existing`, { ...modelProvider('existing'), metadata: { name: 'existing', resourceVersion: 'abc' } }),
    400,
    'BadRequest',
  ],
  ['path traversal ..%2F in a name', () => ctx.api.get(`${MP}/..%2Fetc`), 400, 'BadRequest'],
  ['path traversal ..%2F on a write', () => ctx.api.put(`${MP}/..%2F..%2Fsecret.key`, modelProvider('x')), 400, 'BadRequest'],
  ['an upper-case namespace', () => ctx.api.post('/v1/namespaces/Default/modelproviders', modelProvider('x')), 400, 'BadRequest'],
  ['a name longer than 63 characters', () => ctx.api.get(`${MP}/${'a'.repeat(64)}`), 400, 'BadRequest'],
  ['a bad resourceVersion query on DELETE', () => ctx.api.del(`${MP}/existing?resourceVersion=x`), 400, 'BadRequest'],
  ['unknown fields', () => ctx.api.post(MP, { ...modelProvider('unknown'), spec: { ...(modelProvider('u').spec as object), maxTokenPerDay: 5 } }), 422, 'Invalid'],
  ['a name that is not DNS-1123 in the body', () => ctx.api.post(MP, modelProvider('Not_Valid')), 422, 'Invalid'],
  [
    'an inline API key',
    () =>
      ctx.api.post(MP, {
        ...modelProvider('inline'),
        spec: {
          provider: 'openai',
          endpoint: 'https://x.example.com/v1',
          allowedModels: ['m'],
          apiKeySecretRef: { name: 'sk-ant-api03-abcdefghijklmnop', key: 'k' },
        },
      }),
    422,
    'Invalid',
  ],
  ['runAsUser 0', () => ctx.api.post('/v1/namespaces/default/agents', manifest('Agent', 'root', { runAsUser: 0 })), 422, 'Invalid'],
  ['invalid base64 in a Secret', () => ctx.api.post('/v1/namespaces/default/secrets', manifest('Secret', 'b64', { data: { k: 'not base64!' } })), 422, 'Invalid'],
  [
    'a body over 1 MiB',
    () => ctx.api.post(MP, undefined, { rawBody: JSON.stringify({ ...modelProvider('big'), pad: 'x'.repeat(1024 * 1024) }) }),
    413,
    'PayloadTooLarge',
  ],
  [
    'a text/plain body',
    () => ctx.api.post(MP, undefined, { rawBody: JSON.stringify(modelProvider('text')), headers: { 'content-type': 'text/plain' } }),
    415,
    'UnsupportedMediaType',
  ],
  [
    'a form body',
    () => ctx.api.post(MP, undefined, { rawBody: 'a=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
    415,
    'UnsupportedMediaType',
  ],
  ['no credential', () => ctx.api.post(MP, modelProvider('anon'), { token: null }), 401, 'Unauthorized'],
  ['an unknown admin token', () => ctx.api.post(MP, modelProvider('anon'), { token: 'pai_tok_unknownunknownunknown' }), 401, 'Unauthorized'],
  ['a credential of no known kind', () => ctx.api.post(MP, modelProvider('anon'), { token: 'sk-something' }), 401, 'Unauthorized'],
  ['a pak_ AccessKey on /v1/', () => ctx.api.post(MP, modelProvider('anon'), { token: 'pak_abcdefghijklmnopqrstuvwx' }), 403, 'WrongCredentialKind'],
  ['a pak_ AccessKey on a LIST', () => ctx.api.get('/v1/modelproviders', { token: 'pak_abcdefghijklmnopqrstuvwx' }), 403, 'WrongCredentialKind'],
  ['create of an existing resource', () => ctx.api.post(MP, modelProvider('existing')), 409, 'AlreadyExists'],
  [
    'a stale resourceVersion',
    () => ctx.api.put(`${MP}/existing`, { ...modelProvider('existing'), metadata: { name: 'existing', resourceVersion: '999999' } }),
    409,
    'Conflict',
  ],
  ['a stale resourceVersion on DELETE', () => ctx.api.del(`${MP}/existing?resourceVersion=999999`), 409, 'Conflict'],
  ['a missing resource', () => ctx.api.get(`${MP}/absent`), 404, 'NotFound'],
  ['an unknown kind in the path', () => ctx.api.get('/v1/namespaces/default/widgets'), 404, 'NotFound'],
  ['an unknown route', () => ctx.api.get('/v2/things', { token: null }), 404, 'NotFound'],
  ['a batch with an unknown op', () => ctx.api.post('/v1/batch', { operations: [{ op: 'patch', resource: modelProvider('b') }] }), 400, 'BadRequest'],
  ['a batch that is empty', () => ctx.api.post('/v1/batch', { operations: [] }), 400, 'BadRequest'],
  ['JSON nested 10,000 deep', () => ctx.api.post(MP, undefined, { rawBody: nested(10_000) }), 400, 'BadRequest'],
  ['JSON nested 65 deep', () => ctx.api.post(MP, undefined, { rawBody: nested(65) }), 400, 'BadRequest'],
  ['JSON nested 10,000 deep in a batch', () => ctx.api.post('/v1/batch', undefined, { rawBody: `{"operations":[${nested(10_000)}]}` }), 400, 'BadRequest'],
  ['a path segment over 100 characters', () => ctx.api.get(`${MP}/${'a'.repeat(101)}`), 414, 'UriTooLong'],
  ['a path segment over 100 characters without a credential', () => ctx.api.get(`/v1/namespaces/${'a'.repeat(300)}/secrets`, { token: null }), 414, 'UriTooLong'],
  ['a path that does not decode', () => ctx.api.get(`${MP}/%zz`), 400, 'BadRequest'],
];

/** A manifest whose spec holds arrays nested `depth` deep in all. */
function nested(depth: number): string {
  const inner = depth - 1; // the manifest object is one level
  return `{"apiVersion":"pai.io/v1","kind":"ModelProvider","metadata":{"name":"deep"},"spec":${'['.repeat(inner)}${']'.repeat(inner)}}`;
}

describe('bad input gets a 4xx in the documented shape and changes nothing', () => {
  for (const [name, attempt, status, reason] of CASES) {
    it(`${name} → ${status} ${reason}`, async () => {
      const before = await snapshot();
      expectError(await attempt(), status, reason);
      expect(await snapshot()).toEqual(before);
    });
  }

  it("422 carries the compiler's diagnostics with pointers and the resource", async () => {
    const res = await ctx.api.post(MP, { ...modelProvider('diag'), spec: { provider: 'anthropicc', apiKeySecretRef: { name: 'k', key: 'api-key' }, bogus: true } });
    expectError(res, 422, 'Invalid');
    const codes = res.body.error.diagnostics.map((d: { code: string }) => d.code);
    expect(codes).toEqual(expect.arrayContaining(['schema-enum', 'schema-unknown-field']));
    for (const d of res.body.error.diagnostics) {
      expect(d.pointer).toMatch(/^\//);
      expect(d.resource).toEqual({ kind: 'ModelProvider', namespace: 'default', name: 'diag' });
      expect(d.range).toBeUndefined();
    }
  });

  it('JSON nested 64 deep is not refused for its depth', async () => {
    const res = await ctx.api.post(MP, undefined, { rawBody: nested(64) });
    expectError(res, 422, 'Invalid');
  });

  it('the depth refusal says what and how deep', async () => {
    const res = await ctx.api.post(MP, undefined, { rawBody: nested(10_000) });
    expect(res.body.error.message).toMatch(/nested more than 64 levels deep/);
  });

  it('framework errors never echo the request: a long segment, a bad encoding, a bad content-length', async () => {
    const long = await rawRequest(ctx.server.url, 'GET', `/v1/namespaces/ECHO${'x'.repeat(200)}/secrets`);
    expect(long.status).toBe(414);
    expect(long.body).not.toContain('ECHO');
    expect(JSON.parse(long.body).error.reason).toBe('UriTooLong');
    const bad = await rawRequest(ctx.server.url, 'GET', '/v1/ECHO%zz');
    expect(bad.status).toBe(400);
    expect(bad.body).not.toContain('ECHO');
    const lying = await rawRequest(ctx.server.url, 'POST', MP, {
      headers: { authorization: `Bearer ${ctx.server.token}`, 'content-type': 'application/json', 'content-length': '3', 'transfer-encoding': 'chunked' },
      body: '{"ECHO": 1}',
    });
    expect(lying.status).toBeGreaterThanOrEqual(400);
    expect(lying.status).toBeLessThan(500);
    expect(lying.body).not.toContain('ECHO');
  });

  it('a parse error does not echo the body', async () => {
    const res = await ctx.api.post(MP, undefined, { rawBody: '{"spec": {"x": "ECHO-ME-NOT" ' });
    expect(res.text).not.toContain('ECHO-ME-NOT');
  });
});
