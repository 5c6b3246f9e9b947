import { packagePath } from '../../../lib/package-root.js';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { ApiError } from '../api-error.js';
import { access, routeNotFound } from '../auth.js';

/** The page's own files: the repository's (and the package's) ui/ folder, the same depth from
 * src/server/http/routes and dist/server/http/routes (like openapi.json). */
const UI_DIR = pathToFileURL(packagePath('ui') + '/');

/**
 * The page's files by the name it asks for: only these are served (no path from the request ever
 * reaches the file system). uPlot comes from the installed package (a dependency), never a CDN.
 */
function uiAssets(): Map<string, { file: string | undefined; type: string }> {
  const own = (name: string) => fileURLToPath(new URL(name, UI_DIR));
  const resolve = createRequire(import.meta.url).resolve;
  const fromPackage = (specifier: string) => {
    try {
      return resolve(specifier);
    } catch {
      return undefined; // not installed: the file's route answers Internal ("reinstall pai")
    }
  };
  return new Map([
    ['', { file: own('index.html'), type: 'text/html; charset=utf-8' }],
    ['app.js', { file: own('app.js'), type: 'text/javascript; charset=utf-8' }],
    ['app.css', { file: own('app.css'), type: 'text/css; charset=utf-8' }],
    ['favicon.svg', { file: own('favicon.svg'), type: 'image/svg+xml' }],
    ['uplot.js', { file: fromPackage('uplot/dist/uPlot.iife.min.js'), type: 'text/javascript; charset=utf-8' }],
    ['uplot.css', { file: fromPackage('uplot/dist/uPlot.min.css'), type: 'text/css; charset=utf-8' }],
  ]);
}

/**
 * What the browser may do on the page: run and style only from this server (no inline script or
 * style, nothing from elsewhere), fetch only this server's API, never be framed or post a form.
 * The page shows names and model ids that users chose; it writes them as text, and this policy
 * is the second line should that ever slip.
 */
export const UI_CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * The read-only usage page at `/ui` (ui/index.html, ui/app.js): static files that hold no data,
 * so they need no credential; the page asks for the admin token and calls `/v1/usage` and
 * `/v1/requests` with it.
 */
export function registerUiRoutes(app: FastifyInstance): void {
  const assets = uiAssets();
  const cache = new Map<string, Buffer>();
  const send = async (reply: FastifyReply, name: string) => {
    const asset = assets.get(name);
    if (!asset) throw routeNotFound();
    let body = cache.get(name);
    if (!body) {
      try {
        if (asset.file === undefined) throw new Error('not installed');
        body = await readFile(asset.file);
      } catch {
        throw new ApiError('Internal', 'a file of the /ui page is missing from this installation', 'reinstall pai');
      }
      cache.set(name, body);
    }
    return reply
      .header('content-security-policy', UI_CONTENT_SECURITY_POLICY)
      .header('x-content-type-options', 'nosniff')
      .header('x-frame-options', 'DENY')
      .header('referrer-policy', 'no-referrer')
      .header('cache-control', 'no-cache')
      .type(asset.type)
      .send(body);
  };
  app.get('/ui', access('public'), async (_req, reply) => send(reply, ''));
  app.get<{ Params: { asset: string } }>('/ui/:asset', access('public'), async (req, reply) => send(reply, req.params.asset));
}
