import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';
import { rawRequest } from '../../helpers/raw-http.js';
import { startServer, type RunningServer } from '../../helpers/server.js';
import { freshDataDir } from '../../helpers/data-dir.js';

// DNS rebinding: a web page on attacker.example, re-pointed at 127.0.0.1, is same-origin with a
// loopback server; only the Host header tells its requests apart.
let plain: RunningServer;
let named: RunningServer;
beforeAll(async () => {
  [plain, named] = await Promise.all([
    startServer({ dataDir: await freshDataDir() }),
    startServer({ dataDir: await freshDataDir(), args: ['--public-url', 'https://pai.example.com/', '--allowed-host', 'pai.internal', '--allowed-host', '10.0.0.7'] }),
  ]);
});
afterAll(async () => {
  for (const s of [plain, named]) {
    await s?.stop();
    if (s) rmSync(s.dataDir, { recursive: true, force: true });
  }
});

const get = (server: RunningServer, host: string, target = '/v1/whoami') =>
  rawRequest(server.url, 'GET', target, { headers: { host, authorization: `Bearer ${server.token}` } });

describe('a loopback server answers only loopback Host names unless told otherwise', () => {
  it.each(['127.0.0.1', '127.0.0.1:7070', '127.8.9.10', 'localhost', 'LOCALHOST:1', 'localhost.', '[::1]', '[::1]:7070'])('answers Host %s', async (host) => {
    expect((await get(plain, host)).status).toBe(200);
  });

  it.each(['attacker.example', 'attacker.example:7070', '127.0.0.1.attacker.example', 'localhost.attacker.example', '10.0.0.7', '[::2]', '', 'a b'])(
    'refuses Host %j with 421 in the documented shape, without echoing it',
    async (host) => {
      const res = await get(plain, host);
      expect(res.status).toBe(421);
      const body = JSON.parse(res.body);
      expect(body.error).toMatchObject({ status: 421, reason: 'MisdirectedRequest' });
      if (host) expect(res.body).not.toContain(host);
    },
  );

  it('refuses before anything else: a public route and the gateway too', async () => {
    expect((await get(plain, 'attacker.example', '/healthz')).status).toBe(421);
    expect((await get(plain, 'attacker.example', '/ext/v1/models')).status).toBe(421);
  });

  it('--public-url and --allowed-host add names; loopback names still work', async () => {
    for (const host of ['pai.example.com', 'pai.example.com:443', 'pai.internal:7070', '10.0.0.7', '127.0.0.1']) expect((await get(named, host)).status, host).toBe(200);
    expect((await get(named, 'attacker.example')).status).toBe(421);
  });

  it('a bad --public-url is refused at start-up with a clear error', async () => {
    const res = await runCli(['server', '--port', '0', '--data-dir', '/nonexistent/never-created', '--public-url', 'not a url']);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/--public-url "not a url" is not a URL/);
    expect(res.stderr).not.toMatch(/\n\s+at /);
  });
});
