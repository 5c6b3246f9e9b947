import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ControlPlaneClient } from '../../../src/cli/client/control-plane-client.js';
import { ControlPlaneError, ControlPlaneUnreachableError } from '../../../src/api/errors.js';
import { apiError, closedPort, json, startLocalServer } from './local-server.js';

const noDelay = { retry: { baseDelayMs: 1, maxDelayMs: 2 }, sleep: async () => {} };
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function setup(handler: Parameters<typeof startLocalServer>[0], options: Record<string, unknown> = {}) {
  const server = await startLocalServer(handler);
  const client = new ControlPlaneClient({ baseUrl: server.url, bearer: 'pai_tok_test', ...noDelay, ...options });
  cleanups.push(() => server.close(), () => client.close());
  return { server, client };
}

const resource = { apiVersion: 'pai.io/v1', kind: 'Secret', metadata: { name: 'a', namespace: 'default', uid: 'u', resourceVersion: '1', generation: 1, creationTimestamp: '2026-01-01T00:00:00Z' }, spec: {} };

describe('server warnings', () => {
  it('hands each Warning header text to onWarning, unquoted, once per answer (not per retried attempt)', async () => {
    const warnings: string[] = [];
    let calls = 0;
    const { client } = await setup(
      (_req, _n, res) => {
        if (++calls === 1) return json(res, 503, { error: { status: 503, reason: 'Internal', message: 'busy' } });
        res.setHeader('warning', ['299 - "ModelProvider default/oai: model \\"oai/gpt-4.1\\" is deprecated (model-deprecated)"', '299 - "second"']);
        json(res, 200, resource);
      },
      { onWarning: (text: string) => warnings.push(text) },
    );
    await client.get('Secret', 'default', 'a');
    expect(warnings).toEqual(['ModelProvider default/oai: model "oai/gpt-4.1" is deprecated (model-deprecated)', 'second']);
  });

  it('sends force=true with a forced delete', async () => {
    const { server, client } = await setup((_req, _n, res) => json(res, 200, resource));
    await client.delete('secrets', 'default', 'a', { force: true });
    expect(server.requests.map((r) => r.url)).toEqual(['/v1/namespaces/default/secrets/a?force=true']);
  });
});

describe('ControlPlaneClient requests', () => {
  it('maps each method to the documented path, with the bearer', async () => {
    const { server, client } = await setup((req, _n, res) => {
      if (req.url === '/v1/batch') return json(res, 200, { results: [] });
      if (req.url === '/v1/whoami') return json(res, 200, { kind: 'AdminToken', name: 'admin' });
      json(res, req.method === 'POST' ? 201 : 200, req.url.startsWith('/v1/namespaces/team-a/modelproviders') && req.method === 'GET' && !req.url.endsWith('x') ? { items: [] } : resource);
    });
    await client.list('model-providers');
    await client.list('mp', 'team-a');
    await client.get('Secret', 'default', 'a');
    await client.create({ apiVersion: 'pai.io/v1', kind: 'Secret', metadata: { name: 'a' }, spec: {} });
    await client.put({ apiVersion: 'pai.io/v1', kind: 'Agent', metadata: { name: 'r', namespace: 'team-a' }, spec: {} });
    await client.delete('secrets', 'default', 'a', { resourceVersion: '7' });
    await client.batch([{ op: 'create', resource: { apiVersion: 'pai.io/v1', kind: 'Secret', metadata: { name: 'a' } } }]);
    expect(await client.whoami()).toEqual({ kind: 'AdminToken', name: 'admin' });
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /v1/modelproviders',
      'GET /v1/namespaces/team-a/modelproviders',
      'GET /v1/namespaces/default/secrets/a',
      'POST /v1/namespaces/default/secrets',
      'PUT /v1/namespaces/team-a/agents/r',
      'DELETE /v1/namespaces/default/secrets/a?resourceVersion=7',
      'POST /v1/batch',
      'GET /v1/whoami',
    ]);
    expect(server.requests.every((r) => r.authorization === 'Bearer pai_tok_test')).toBe(true);
    expect(JSON.parse(server.requests[6]!.body)).toEqual({ operations: [{ op: 'create', resource: { apiVersion: 'pai.io/v1', kind: 'Secret', metadata: { name: 'a' } } }] });
  });

  it('put reports whether it created (201) or replaced (200)', async () => {
    const { client } = await setup((_req, n, res) => json(res, n === 1 ? 201 : 200, resource));
    const manifest = { apiVersion: 'pai.io/v1', kind: 'Secret', metadata: { name: 'a' } };
    expect((await client.put(manifest)).created).toBe(true);
    expect((await client.put(manifest)).created).toBe(false);
  });

  it('tokens list, create and revoke', async () => {
    const { server, client } = await setup((req, _n, res) => {
      if (req.method === 'GET') return json(res, 200, { items: [{ name: 'ci', createdAt: 't', lastUsed: null }] });
      if (req.method === 'POST') return json(res, 201, { name: 'ci', token: 'pai_tok_new' });
      json(res, 200, {});
    });
    expect(await client.tokens.list()).toEqual([{ name: 'ci', createdAt: 't', lastUsed: null }]);
    expect(await client.tokens.create('ci')).toEqual({ name: 'ci', token: 'pai_tok_new' });
    await client.tokens.revoke('ci');
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /v1/tokens', 'POST /v1/tokens', 'DELETE /v1/tokens/ci']);
  });
});

describe('ControlPlaneClient errors', () => {
  it('carries status, reason, message, hint and diagnostics from the error body', async () => {
    const diagnostics = [{ code: 'schema-enum', severity: 'error', message: 'provider must be one of …', pointer: '/spec/provider' }];
    const { client } = await setup((_req, _n, res) => apiError(res, 422, 'Invalid', 'the ModelProvider is invalid', { hint: 'fix it', diagnostics }));
    const err = await client.get('mp', 'default', 'x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ControlPlaneError);
    expect(err).toMatchObject({ status: 422, reason: 'Invalid', message: 'the ModelProvider is invalid', hint: 'fix it', diagnostics, method: 'GET', path: '/v1/namespaces/default/modelproviders/x' });
  });

  it('a failed batch names the operation', async () => {
    const { client } = await setup((_req, _n, res) => apiError(res, 409, 'AlreadyExists', 'Secret "default/x-api-key" already exists', { operation: 0 }));
    await expect(client.batch([])).rejects.toMatchObject({ status: 409, reason: 'AlreadyExists', operation: 0 });
  });

  it('stands in for an answer without the documented body', async () => {
    const { client } = await setup((_req, _n, res) => res.writeHead(418, { 'content-type': 'text/html' }).end('<html>teapot</html>'));
    const err = (await client.whoami().catch((e: unknown) => e)) as ControlPlaneError;
    expect(err).toBeInstanceOf(ControlPlaneError);
    expect(err.status).toBe(418);
    expect(err.reason).toBe('UnexpectedResponse');
    expect(err.message).toContain('HTTP 418');
  });
});

describe('ControlPlaneClient retries', () => {
  it('retries an idempotent GET on 503 until it succeeds', async () => {
    const { server, client } = await setup((_req, n, res) => (n <= 2 ? apiError(res, 503, 'ServiceUnavailable', 'starting') : json(res, 200, resource)));
    await expect(client.get('secret', 'default', 'a')).resolves.toMatchObject({ kind: 'Secret' });
    expect(server.requests).toHaveLength(3);
  });

  it('gives up after maxAttempts and reports the last answer', async () => {
    const { server, client } = await setup((_req, _n, res) => res.writeHead(502).end('bad gateway'));
    const err = (await client.put({ apiVersion: 'pai.io/v1', kind: 'Secret', metadata: { name: 'a' } }).catch((e: unknown) => e)) as ControlPlaneError;
    expect(err.status).toBe(502);
    expect(err.reason).toBe('BadGateway');
    expect(server.requests).toHaveLength(3);
  });

  it('never retries a POST', async () => {
    const { server, client } = await setup((_req, _n, res) => apiError(res, 503, 'ServiceUnavailable', 'busy'));
    await expect(client.create({ apiVersion: 'pai.io/v1', kind: 'Secret', metadata: { name: 'a' } })).rejects.toBeInstanceOf(ControlPlaneError);
    await expect(client.batch([])).rejects.toBeInstanceOf(ControlPlaneError);
    expect(server.requests).toHaveLength(2);
  });

  it('does not retry a 4xx', async () => {
    const { server, client } = await setup((_req, _n, res) => apiError(res, 404, 'NotFound', 'not found'));
    await expect(client.get('secret', 'default', 'a')).rejects.toMatchObject({ status: 404 });
    expect(server.requests).toHaveLength(1);
  });

  it('honours Retry-After within the cap', async () => {
    const waits: number[] = [];
    const { client } = await setup(
      (_req, n, res) => (n === 1 ? res.writeHead(503, { 'retry-after': '1' }).end() : json(res, 200, resource)),
      { retry: { baseDelayMs: 1, maxDelayMs: 5_000 }, sleep: async (ms: number) => void waits.push(ms) },
    );
    await client.get('secret', 'default', 'a');
    expect(waits).toEqual([1_000]);
  });

  it('retries a GET that timed out waiting for headers', async () => {
    const { server, client } = await setup((_req, n, res) => {
      if (n === 1) return; // never answers
      json(res, 200, resource);
    }, { timeouts: { headersMs: 150 } });
    await expect(client.get('secret', 'default', 'a')).resolves.toMatchObject({ kind: 'Secret' });
    expect(server.requests).toHaveLength(2);
  });
});

describe('ControlPlaneClient on the wire', () => {
  it('retries a GET whose answer stalled after the headers (body timeout)', async () => {
    const { server, client } = await setup((_req, n, res) => {
      if (n === 1) return void res.writeHead(200, { 'content-type': 'application/json' }).write('{"kind":'); // never finishes
      json(res, 200, resource);
    }, { timeouts: { bodyMs: 150 } });
    await expect(client.get('secret', 'default', 'a')).resolves.toMatchObject({ kind: 'Secret' });
    expect(server.requests).toHaveLength(2);
  });

  it('retries a GET whose connection dropped in the middle of the answer', async () => {
    const { server, client } = await setup((_req, n, res) => {
      if (n === 1) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' }).write('{"kind":');
        return void setTimeout(() => res.socket?.destroy(), 20);
      }
      json(res, 200, resource);
    });
    await expect(client.get('secret', 'default', 'a')).resolves.toMatchObject({ kind: 'Secret' });
    expect(server.requests).toHaveLength(2);
  });

  it('names the timeout when every attempt stalls', async () => {
    const { server, client } = await setup(() => {}, { timeouts: { headersMs: 100 } });
    const err = (await client.get('secret', 'default', 'a').catch((e: unknown) => e)) as ControlPlaneUnreachableError;
    expect(err).toBeInstanceOf(ControlPlaneUnreachableError);
    expect(err.message).toBe(`cannot reach the control plane at ${server.url} (timed out waiting for an answer)`);
    expect(server.requests).toHaveLength(3);
  });

  it('sends the path as it is: a name such as .. is not resolved away', async () => {
    const { server, client } = await setup((_req, _n, res) => apiError(res, 404, 'NotFound', 'not found'));
    await expect(client.get('secret', 'default', '..')).rejects.toMatchObject({ status: 404 });
    expect(server.requests[0]!.url).toBe('/v1/namespaces/default/secrets/..');
  });

  it('reaches a server by an IPv6 literal', async () => {
    const server = createServer((_req, res) => json(res, 200, resource));
    await new Promise<void>((resolve) => server.listen(0, '::1', resolve));
    const client = new ControlPlaneClient({ baseUrl: `http://[::1]:${(server.address() as AddressInfo).port}`, ...noDelay });
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())), () => client.close());
    await expect(client.get('secret', 'default', 'a')).resolves.toMatchObject({ kind: 'Secret' });
  });

  it('reuses one connection for a command\'s calls', async () => {
    const ports = new Set<number>();
    const { client } = await setup((_req, _n, res) => {
      ports.add(res.socket!.remotePort!);
      json(res, 200, resource);
    });
    for (let i = 0; i < 5; i++) await client.get('secret', 'default', 'a');
    expect(ports.size).toBe(1);
  });
});

describe('ControlPlaneClient unreachable server', () => {
  it('names the URL and the cause, after retrying a GET', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const client = new ControlPlaneClient({ baseUrl: url, bearer: 'pai_tok_x', ...noDelay });
    cleanups.push(() => client.close());
    const err = (await client.list('secrets').catch((e: unknown) => e)) as ControlPlaneUnreachableError;
    expect(err).toBeInstanceOf(ControlPlaneUnreachableError);
    expect(err.message).toBe(`cannot reach the control plane at ${url} (connection refused)`);
    expect(err.attempts).toBe(3);
  });

  it('tries a POST once', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const client = new ControlPlaneClient({ baseUrl: url, ...noDelay });
    cleanups.push(() => client.close());
    const err = (await client.tokens.create('ci').catch((e: unknown) => e)) as ControlPlaneUnreachableError;
    expect(err.attempts).toBe(1);
  });
});

describe('probeAccessKey', () => {
  const cases: Array<[string, number, 'accepted' | 'no-gateway' | 'throws']> = [
    ['a 200 means the gateway accepted the key', 200, 'accepted'],
    ['a 404 means this server has no gateway yet', 404, 'no-gateway'],
    ['a 401 means the key was rejected', 401, 'throws'],
    ['a 403 means the wrong kind of credential', 403, 'throws'],
  ];
  for (const [title, status, expected] of cases) {
    it(title, async () => {
      const { server, client } = await setup((_req, _n, res) => (status === 200 ? json(res, 200, { data: [] }) : apiError(res, status, 'X', 'no')));
      const outcome = await client.probeAccessKey('pak_abc').then(
        (probe) => probe.outcome,
        (e: unknown) => (e instanceof ControlPlaneError ? 'throws' : e),
      );
      expect(outcome).toBe(expected);
      expect(server.requests[0]).toMatchObject({ method: 'GET', url: '/ext/v1/models', authorization: 'Bearer pak_abc' });
    });
  }
});
