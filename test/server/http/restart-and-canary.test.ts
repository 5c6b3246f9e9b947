import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../helpers/server.js';
import { freshDataDir } from '../../helpers/data-dir.js';
import { apiClient, type ApiResponse } from './api-client.js';
import { manifest, modelProvider } from './manifests.js';

const CANARY = 'CANARY-7f3a9c-do-not-leak';
const CANARY_B64 = Buffer.from(CANARY + '-b64').toString('base64');
const running: RunningServer[] = [];
afterAll(async () => {
  for (const s of running) await s.stop().catch(() => {});
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : e.isFile() ? [p] : [];
  });
}

describe('restart, and the secret canary', () => {
  it('stores the canary through every path without it appearing anywhere, and loses nothing over restarts', async () => {
    const first = await startServer({ dataDir: await freshDataDir() });
    running.push(first);
    const api = apiClient(first);
    const responses: ApiResponse[] = [];
    const send = async (p: Promise<ApiResponse>, status: number): Promise<ApiResponse> => {
      const res = await p;
      responses.push(res);
      expect(res.status, res.text).toBe(status);
      return res;
    };
    // Every write path, plus refusals that carry the value in their body.
    await send(api.post('/v1/namespaces/canary/secrets', manifest('Secret', 'by-post', { stringData: { 'api-key': CANARY } })), 201);
    await send(api.put('/v1/namespaces/canary/secrets/by-put', manifest('Secret', 'by-put', { data: { 'api-key': CANARY_B64 } })), 201);
    await send(
      api.post('/v1/batch', {
        operations: [
          { op: 'create', resource: manifest('Secret', 'by-batch', { stringData: { 'api-key': CANARY } }, 'canary') },
          { op: 'put', resource: { ...modelProvider('mp', 'canary'), spec: { provider: 'anthropic', apiKeySecretRef: { name: 'by-batch', key: 'api-key' } } } },
        ],
      }),
      200,
    );
    await send(api.post('/v1/namespaces/canary/secrets', manifest('Secret', 'by-post', { stringData: { 'api-key': CANARY } })), 409);
    await send(
      api.post('/v1/namespaces/canary/secrets', manifest('Secret', 'invalid', { stringData: { 'api-key': CANARY, 'bad key!': CANARY }, extra: CANARY })),
      422,
    );
    await send(api.post('/v1/namespaces/canary/secrets', manifest('Secret', 'wrong-type', { stringData: { 'api-key': 12345 }, data: { k: CANARY } })), 422);
    await send(api.post('/v1/namespaces/canary/secrets', manifest('Secret', 'not-a-map', { stringData: CANARY, data: [CANARY] })), 422);
    await send(api.post('/v1/namespaces/canary/secrets', undefined, { rawBody: `{"spec":{"stringData":{"k":"${CANARY}"` }), 400);
    await send(
      api.put('/v1/namespaces/canary/secrets/by-put', {
        ...manifest('Secret', 'by-put', { stringData: { k: CANARY } }),
        metadata: { name: 'by-put', resourceVersion: '1' },
      }),
      409,
    );
    await send(
      api.post('/v1/batch', {
        operations: [
          { op: 'create', resource: manifest('Secret', 'x', { stringData: { k: CANARY } }, 'canary') },
          { op: 'create', resource: manifest('Secret', 'by-post', { stringData: { k: CANARY } }, 'canary') },
        ],
      }),
      409,
    );
    for (const path of [
      '/v1/secrets',
      '/v1/namespaces/canary/secrets',
      '/v1/namespaces/canary/secrets/by-post',
      '/v1/namespaces/canary/secrets/by-put',
      '/v1/namespaces/canary/secrets/by-batch',
    ]) {
      await send(api.get(path), 200);
    }
    const before = (await api.get('/v1/namespaces/canary/secrets')).body;
    const mpBefore = (await api.get('/v1/modelproviders')).text;
    const byPost = before.items.find((i: { metadata: { name: string } }) => i.metadata.name === 'by-post');
    const tokenFile = readFileSync(path.join(first.dataDir, 'admin.token'), 'utf8').trim();
    expect(tokenFile).toBe(first.token);
    expect(statSync(path.join(first.dataDir, 'admin.token')).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(first.dataDir, 'secret.key')).mode & 0o777).toBe(0o600);
    await first.stop();
    running.pop();

    // Graceful restart with the same data dir: everything is there, and the values still decrypt
    // (rewriting the same value leaves generation alone, which needs the old value decrypted).
    const second = await startServer({ dataDir: first.dataDir, token: first.token });
    running.push(second);
    const api2 = apiClient(second);
    expect((await api2.get('/v1/namespaces/canary/secrets')).body).toEqual(before);
    expect((await api2.get('/v1/modelproviders')).text).toBe(mpBefore);
    const same = await api2.put('/v1/namespaces/canary/secrets/by-post', manifest('Secret', 'by-post', { stringData: { 'api-key': CANARY } }));
    responses.push(same);
    expect(same.body.metadata.generation).toBe(byPost.metadata.generation);
    expect(same.body.metadata.resourceVersion).not.toBe(byPost.metadata.resourceVersion);
    const tokens = await api2.get('/v1/tokens');
    expect(tokens.body.items.map((t: { name: string }) => t.name)).toEqual(['admin']);
    // The bootstrap token variable is ignored once tokens exist.
    await second.kill();
    running.pop();

    // Hard kill (no graceful close): the next start recovers, takes over the stale lock.
    const third = await startServer({ dataDir: first.dataDir, token: 'pai_tok_ignoredignoredignored' });
    running.push(third);
    const api3 = apiClient({ url: third.url, token: first.token });
    const after = await api3.get('/v1/namespaces/canary/secrets/by-post');
    expect(after.status).toBe(200);
    expect(after.body).toEqual(same.body);
    expect((await api3.get('/v1/whoami', { token: 'pai_tok_ignoredignoredignored' })).status).toBe(401);

    // A second server on the same data dir is refused.
    await expect(startServer({ dataDir: first.dataDir })).rejects.toThrow(/in use by another pai server/);

    await third.stop();
    running.pop();

    const outputs = [first.output(), second.output(), third.output()].join('\n');
    for (const res of responses) {
      expect(res.text).not.toContain(CANARY);
      expect(res.text).not.toContain(CANARY_B64);
    }
    expect(outputs).not.toContain(CANARY);
    expect(outputs).not.toContain(CANARY_B64);
    const needles = [CANARY, CANARY_B64, Buffer.from(CANARY, 'utf16le').toString('latin1')].map((s) => Buffer.from(s, s.includes('\0') ? 'latin1' : 'utf8'));
    const files = filesUnder(first.dataDir);
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const needle of needles) expect(bytes.includes(needle), `${file} contains the canary`).toBe(false);
    }
    rmSync(first.dataDir, { recursive: true, force: true });
  });
});
