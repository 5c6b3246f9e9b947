import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/server/http/app.js';
import type { RouteAuth } from '../../../src/server/http/auth.js';
import { silentLogger } from '../../../src/server/http/logger.js';
import { buildOpenApiDocument, type SchemaFiles } from '../../../src/server/http/openapi/build-document.js';
import type { Store } from '../../../src/server/store/store.js';
import { REPO_ROOT } from '../../helpers/cli.js';

const OPENAPI_PATH = path.join(REPO_ROOT, 'openapi.json');

function expectedDocument(): Record<string, unknown> {
  const schemas: SchemaFiles = {};
  for (const file of readdirSync(path.join(REPO_ROOT, 'schemas')).filter((f) => f.endsWith('.schema.json'))) {
    schemas[file] = JSON.parse(readFileSync(path.join(REPO_ROOT, 'schemas', file), 'utf8'));
  }
  for (const file of readdirSync(path.join(REPO_ROOT, 'schemas/output')).filter((f) => f.endsWith('.schema.json'))) {
    schemas[`output/${file}`] = JSON.parse(readFileSync(path.join(REPO_ROOT, 'schemas/output', file), 'utf8'));
  }
  const { version } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  return buildOpenApiDocument(schemas, version);
}

/** Every `METHOD /path` the server registers, in OpenAPI path syntax (`{name}`), with who may call it. */
async function registeredAccess(): Promise<Map<string, RouteAuth | undefined>> {
  const routes = new Map<string, RouteAuth | undefined>();
  const store = { resources: {}, tokens: {} } as unknown as Pick<Store, 'resources' | 'tokens'>;
  const app = buildApp({ store, log: silentLogger, logRequests: false, onRoute: (method, url, auth) => routes.set(`${method} ${url.replace(/:(\w+)/g, '{$1}')}`, auth) });
  await app.ready();
  await app.close();
  return routes;
}

async function registeredRoutes(): Promise<string[]> {
  return [...(await registeredAccess()).keys()].sort();
}

/** Who may call each documented operation: `security: []` public, `accessKey`, or the admin token's `x-pai-role`. */
function documentedAccess(doc: { paths: Record<string, Record<string, { security?: Array<Record<string, unknown>>; 'x-pai-role'?: string }>> }): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  for (const [p, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!['get', 'put', 'post', 'delete', 'patch'].includes(method)) continue;
      const security = op.security;
      const auth = security?.length === 0 ? 'public' : security?.[0] && 'accessKey' in security[0] ? 'accessKey' : op['x-pai-role'];
      out.set(`${method.toUpperCase()} ${p}`, auth);
    }
  }
  return out;
}

function documentedRoutes(doc: { paths: Record<string, Record<string, unknown>> }): string[] {
  const out: string[] = [];
  for (const [p, item] of Object.entries(doc.paths)) {
    for (const method of Object.keys(item)) if (['get', 'put', 'post', 'delete', 'patch'].includes(method)) out.push(`${method.toUpperCase()} ${p}`);
  }
  return out.sort();
}

describe('openapi.json', () => {
  it('is what buildOpenApiDocument makes from schemas/ (regenerate with UPDATE_OPENAPI=1)', () => {
    const expected = expectedDocument();
    if (process.env.UPDATE_OPENAPI) writeFileSync(OPENAPI_PATH, JSON.stringify(expected, null, 2) + '\n');
    expect(JSON.parse(readFileSync(OPENAPI_PATH, 'utf8'))).toEqual(expected);
  });

  it('describes exactly the routes the server registers', async () => {
    const doc = JSON.parse(readFileSync(OPENAPI_PATH, 'utf8'));
    const routes = await registeredRoutes();
    expect(routes.length).toBeGreaterThan(36);
    expect(documentedRoutes(doc)).toEqual(routes);
  });

  it('every route declares who may call it, and says the same as the document', async () => {
    const doc = JSON.parse(readFileSync(OPENAPI_PATH, 'utf8'));
    const registered = await registeredAccess();
    const undeclared = [...registered].filter(([, auth]) => auth === undefined).map(([route]) => route);
    expect(undeclared).toEqual([]);
    expect(Object.fromEntries(documentedAccess(doc))).toEqual(Object.fromEntries(registered));
    // The only routes open without a credential.
    expect([...registered].filter(([, auth]) => auth === 'public').map(([route]) => route).sort()).toEqual(['GET /healthz', 'GET /openapi.json', 'GET /readyz', 'GET /ui', 'GET /ui/{asset}']);
  });

  it('resolves every local $ref', () => {
    const doc = JSON.parse(readFileSync(OPENAPI_PATH, 'utf8'));
    const refs = JSON.stringify(doc).match(/"\$ref":"#\/components\/schemas\/[^"]+"/g) ?? [];
    for (const r of refs) {
      const name = r.slice('"$ref":"#/components/schemas/'.length, -1);
      expect(doc.components.schemas[name], name).toBeDefined();
    }
  });
});
