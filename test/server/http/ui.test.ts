import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../src/server/http/app.js';
import { silentLogger } from '../../../src/server/http/logger.js';
import { UI_CONTENT_SECURITY_POLICY } from '../../../src/server/http/routes/ui.js';
import type { Store } from '../../../src/server/store/store.js';

/**
 * The /ui routes serve a fixed list of files and nothing else: no path from the request reaches
 * the file system, and every answer carries the page's CSP. (The page itself is tested in a real
 * browser against the real server: test/e2e/ui.test.ts.)
 */
let app: FastifyInstance;
beforeAll(async () => {
  // The static routes touch no store: an empty one shows they need none.
  const store = { resources: {}, tokens: {} } as unknown as Pick<Store, 'resources' | 'tokens'>;
  app = buildApp({ store, log: silentLogger, logRequests: false });
  await app.ready();
});
afterAll(() => app.close());

describe('/ui static files', () => {
  it.each([
    ['/ui', 'text/html'],
    ['/ui/', 'text/html'],
    ['/ui/app.js', 'text/javascript'],
    ['/ui/app.css', 'text/css'],
    ['/ui/favicon.svg', 'image/svg+xml'],
    ['/ui/uplot.js', 'text/javascript'],
    ['/ui/uplot.css', 'text/css'],
  ])('%s is served without a credential, with the CSP and nosniff', async (url, type) => {
    const res = await app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain(type);
    expect(res.headers['content-security-policy']).toBe(UI_CONTENT_SECURITY_POLICY);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.body.length).toBeGreaterThan(100);
  });

  it('the policy allows no inline script or style and nothing from elsewhere', () => {
    const directives = Object.fromEntries(UI_CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
    expect(directives).toMatchObject({ 'default-src': "'none'", 'script-src': "'self'", 'style-src': "'self'", 'connect-src': "'self'", 'frame-ancestors': "'none'" });
  });

  it.each(['/ui/index.html', '/ui/..%2fpackage.json', '/ui/%2e%2e%2f%2e%2e%2fopenapi.json', '/ui/uPlot.iife.min.js', '/ui/<script>'])(
    '%s is not a file of the page: 404, the path not echoed',
    async (url) => {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('script');
      expect(res.body).not.toContain('package');
      expect(res.json().error.reason).toBe('NotFound');
    },
  );
});
