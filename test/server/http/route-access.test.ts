import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../helpers/cli.js';
import { answerBeforeBody, rawRequest, type RawResponse } from '../../helpers/raw-http.js';
import { useFreshServer } from './fresh-server.js';
import { seedDependencies } from './manifests.js';

const ctx = useFreshServer();

/** Every `METHOD /path` of openapi.json (which a test keeps equal to the registered routes). */
interface DocumentedRoute {
  method: string;
  path: string;
  isPublic: boolean;
  /** The admin-token role it needs (x-pai-role), for control-plane routes. */
  role?: string;
}

function documentedRoutes(): DocumentedRoute[] {
  const doc = JSON.parse(readFileSync(path.join(REPO_ROOT, 'openapi.json'), 'utf8')) as {
    paths: Record<string, Record<string, { security?: unknown[]; 'x-pai-role'?: string }>>;
  };
  const out: DocumentedRoute[] = [];
  for (const [p, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!['get', 'put', 'post', 'delete', 'patch'].includes(method)) continue;
      // Names that exist (a token, a Secret) so that a handler reached by mistake would act.
      const concrete = p.replace('{namespace}', 'default').replace('{name}', 'keep');
      const isPublic = Array.isArray(op.security) && op.security.length === 0;
      const role = op['x-pai-role'];
      out.push({ method: method.toUpperCase(), path: concrete, isPublic, ...(role ? { role } : {}) });
      if (method === 'get') out.push({ method: 'HEAD', path: concrete, isPublic, ...(role ? { role } : {}) });
    }
  }
  return out;
}

/** Ways to write a path that a router may decode or normalise into the route, but a text prefix
 * check would not recognise. */
function spellings(p: string): string[] {
  const segments = p.split('/').slice(1);
  const out = new Set<string>();
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    const encoded = `%${s.charCodeAt(0).toString(16)}${s.slice(1)}`;
    out.add('/' + segments.map((x, j) => (j === i ? encoded : x)).join('/'));
  }
  out.add('/' + segments.map((s) => s.replace(/[a-z]/g, (c) => `%${c.charCodeAt(0).toString(16)}`)).join('/'));
  out.add('/' + segments.join('%2F'));
  out.add('/' + segments.join('%2f'));
  out.add('/' + p);
  out.add(p.replace('/', '//').replace(/\/([^/]*)$/, '//$1'));
  out.add('/.' + p);
  out.add(p.replace(/^\/([^/]+)/, '/$1/.'));
  out.add('/x/..' + p);
  out.add(p.replace(/^\/([^/]+)/, '/$1/x/..'));
  out.add(p.replace(/^\/([^/]+)/, '/$1/x/%2e%2e'));
  out.add(p.toUpperCase());
  out.add(p.replace(/^\/([^/]+)/, (m) => m.toUpperCase()));
  out.add(p + '/');
  out.add(p + '%00');
  out.add(p + '%00/');
  out.add(p.replace(/^\/([^/]+)/, '/$1%00'));
  out.add(p.replace(/^\/([^/]+)/, '/$1;x'));
  return [...out];
}

/** A body that each kind of route would accept, so that a handler reached by mistake would write. */
function bodyFor(method: string, p: string): string | undefined {
  if (method !== 'POST' && method !== 'PUT') return undefined;
  if (p.endsWith('/tokens')) return JSON.stringify({ name: 'pwned' });
  if (p.endsWith('/keys')) return '{}';
  if (p.startsWith('/v1/batch')) return JSON.stringify({ operations: [{ op: 'create', resource: secret('pwned') }] });
  if (p.includes('/ext/')) return JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }], max_tokens: 1 });
  const kind = { secrets: 'Secret', modelproviders: 'ModelProvider', accesskeys: 'AccessKey', agents: 'Agent', providers: 'Provider', guardbindings: 'GuardBinding' }[
    p.split('/')[4] ?? ''
  ];
  return JSON.stringify({ apiVersion: 'pai.io/v1', kind, metadata: { name: 'pwned', namespace: 'default' }, spec: {} });
}

function secret(name: string) {
  return { apiVersion: 'pai.io/v1', kind: 'Secret', metadata: { name, namespace: 'default' }, spec: { stringData: { k: 'v' } } };
}

/** A refusal that proves no handler ran: 401/403, or the router's own 404 / bad-path answers
 * (HEAD answers have no body to tell them apart by: the GET of the same spelling does). */
function isRefusal(res: RawResponse, method: string): boolean {
  if (res.status === 401 || res.status === 403) return true;
  if (method === 'HEAD') return [400, 404, 414].includes(res.status);
  if (res.status === 404 || res.status === 400 || res.status === 414) return /no such route|not a valid request path|too long/.test(res.body);
  return false;
}

const credentials = {
  none: undefined as string | undefined,
  revokedAdmin: '',
  revokedKey: '',
  accessKey: '',
  readOnly: '',
};

/** The store's state: any write anywhere moves a LIST's resourceVersion; tokens are listed. */
async function storeState(): Promise<string> {
  const version = (await ctx.api.get('/v1/secrets')).body.metadata.resourceVersion as string;
  const tokens = (await ctx.api.get('/v1/tokens')).body.items.map((t: { name: string }) => t.name).join(',');
  return `${version} ${tokens}`;
}

describe('every route refuses requests without the right credential, however its path is spelled', () => {
  beforeAll(async () => {
    // Objects that a handler reached by mistake would change: a token and a Secret named "keep".
    expect((await ctx.api.post('/v1/tokens', { name: 'keep' })).status).toBe(201);
    expect((await ctx.api.put('/v1/namespaces/default/secrets/keep', secret('keep'))).status).toBe(201);
    const gone = await ctx.api.post('/v1/tokens', { name: 'gone' });
    credentials.revokedAdmin = gone.body.token;
    expect((await ctx.api.del('/v1/tokens/gone')).status).toBe(200);
    await seedDependencies(ctx.api, 'default'); // the ModelProvider the AccessKeys bind (the server admits no dangling reference)
    credentials.readOnly = (await ctx.api.post('/v1/tokens', { name: 'reader', role: 'read' })).body.token;
    const minted = await ctx.api.post('/v1/namespaces/default/accesskeys/keep/keys', {
      create: { apiVersion: 'pai.io/v1', kind: 'AccessKey', metadata: { name: 'keep' }, spec: { modelProviders: ['nvidia'] } },
    });
    expect(minted.status, minted.text).toBe(201);
    credentials.accessKey = minted.body.key;
    credentials.revokedKey = (await ctx.api.post('/v1/namespaces/default/accesskeys/revoked/keys', {
      create: { apiVersion: 'pai.io/v1', kind: 'AccessKey', metadata: { name: 'revoked' }, spec: { modelProviders: ['nvidia'] } },
    })).body.key;
    expect((await ctx.api.del('/v1/namespaces/default/accesskeys/revoked/keys')).status).toBe(200);
  });

  it('the issue\'s repro: POST /%761/tokens without a credential creates no token', async () => {
    const before = await storeState();
    const res = await rawRequest(ctx.server.url, 'POST', '/%761/tokens', { body: JSON.stringify({ name: 'x' }) });
    expect(res.status, res.body).toBe(401);
    expect(res.body).not.toMatch(/pai_tok_[\w-]{16,}/);
    const listed = await rawRequest(ctx.server.url, 'GET', '/%761/namespaces/default/secrets');
    expect(listed.status).toBe(401);
    expect(await storeState()).toBe(before);
  });

  it('walks every documented route × spelling × wrong credential (none, other kind, revoked, too low a role): nothing reaches a handler', async () => {
    const routes = documentedRoutes();
    expect(routes.length).toBeGreaterThan(36);
    const before = await storeState();
    const attempts: Array<() => Promise<string | undefined>> = [];
    for (const route of routes.filter((r) => !r.isPublic)) {
      const gateway = route.path.startsWith('/ext/');
      const wrongKind = gateway ? ctx.server.token : credentials.accessKey;
      const revoked = gateway ? credentials.revokedKey : credentials.revokedAdmin;
      for (const target of [route.path, ...spellings(route.path)]) {
        const tries: Array<[string, string | undefined]> = [['none', undefined], ['other kind', wrongKind], ['revoked', revoked]];
        // A token whose role is too low must not get further on any spelling either.
        if (route.role && route.role !== 'read') tries.push(['read role', credentials.readOnly]);
        for (const [label, credential] of tries) {
          const body = bodyFor(route.method, route.path);
          attempts.push(async () => {
            const res = await rawRequest(ctx.server.url, route.method, target, {
              ...(credential ? { headers: { authorization: `Bearer ${credential}` } } : {}),
              ...(body !== undefined ? { body } : {}),
            });
            return isRefusal(res, route.method) ? undefined : `${route.method} ${target} (${label}) → ${res.status} ${res.body.slice(0, 160)}`;
          });
        }
      }
    }
    expect(attempts.length).toBeGreaterThan(2000);
    // A few connections at a time: the order does not matter, only that every one is refused.
    const failures: string[] = [];
    const queue = [...attempts];
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          const failure = await next();
          if (failure) failures.push(failure);
        }
      }),
    );
    expect(failures.sort()).toEqual([]);
    expect(await storeState()).toBe(before);
  }, 240_000);

  it('public routes stay public: /healthz and /openapi.json need no credential', async () => {
    expect((await rawRequest(ctx.server.url, 'GET', '/healthz')).status).toBe(200);
    expect((await rawRequest(ctx.server.url, 'GET', '/openapi.json')).status).toBe(200);
  });

  it('an unknown route answers 404 without echoing the path, and without reading the body', async () => {
    const res = await rawRequest(ctx.server.url, 'GET', '/v1/pai_tok_secretlooking/<script>');
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('script');
    expect(res.body).not.toContain('secretlooking');
    const big = await answerBeforeBody(ctx.server.url, '/v1/nothing-here', { declaredBytes: 30 * 1024 * 1024, sentBytes: 64 * 1024 });
    expect(big.response.status).toBe(404);
  });

  it.each(['/ext/v1/chat/completions', '/%65xt/v1/chat/completions', '/ext/v1/%63hat/completions', '/%761/batch'])(
    'refuses an unauthenticated 30 MB body to %s before reading it',
    async (target) => {
      const { response, bodyBytesSent } = await answerBeforeBody(ctx.server.url, target, { declaredBytes: 30 * 1024 * 1024, sentBytes: 64 * 1024 });
      expect(response.status).toBe(401);
      expect(bodyBytesSent).toBeLessThan(30 * 1024 * 1024);
    },
  );
});
