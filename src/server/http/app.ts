import Fastify, { type FastifyInstance } from 'fastify';
import type { Store } from '../store/store.js';
import type { Gateway } from '../gateway/gateway.js';
import { registerGateway } from '../gateway/routes.js';
import { registerKeyRoutes } from './routes/access-keys.js';
import { AdminTokenVerifier } from './admin-token-verifier.js';
import { noAccessKeys, registerAuth, type AccessKeyVerifier, type RouteAuth } from './auth.js';
import { answerFrameworkError, MAX_PATH_SEGMENT, registerErrorHandling } from './error-handling.js';
import { registerHostCheck } from './host-check.js';
import { BODY_LIMIT_BYTES, registerJsonBody } from './json-body.js';
import type { Logger } from './logger.js';
import { registerBatchRoute } from './routes/batch.js';
import { registerMetaRoutes } from './routes/meta.js';
import { registerResourceRoutes } from './routes/resources.js';
import { registerTokenRoutes } from './routes/tokens.js';
import { registerUiRoutes } from './routes/ui.js';

/** What the HTTP layer needs. */
export interface AppDependencies {
  store: Pick<Store, 'resources' | 'tokens'>;
  log: Logger;
  /** The AccessKey check for `/ext/…`; the gateway's own when absent (and none without a gateway). */
  accessKeys?: AccessKeyVerifier;
  /** The LLM gateway (src/server/gateway): `/ext/v1/…` and the AccessKey key routes. Its routes are
   * registered either way; without it they answer 503. */
  gateway?: Gateway;
  /** Log one line per request (method, the route matched — not the URL as sent —, status, duration; never bodies). Default true. */
  logRequests?: boolean;
  /** Told about every route as it is registered, with who may call it (the tests that keep
   * openapi.json complete and every route's access declared). */
  onRoute?: (method: string, url: string, auth: RouteAuth | undefined) => void;
  /** The admin token check; made from `store.tokens` when absent. */
  adminTokens?: AdminTokenVerifier;
  /** The Host names answered (see allowedHostsFor); undefined answers any. */
  allowedHosts?: Set<string>;
}

/**
 * The control plane's HTTP application, not yet listening (tests can `inject` into it). Order
 * matters: body parsing and error shapes first, then auth, then routes.
 */
export function buildApp(deps: AppDependencies): FastifyInstance {
  const app = Fastify({
    logger: false,
    bodyLimit: BODY_LIMIT_BYTES,
    return503OnClosing: true,
    routerOptions: { maxParamLength: MAX_PATH_SEGMENT },
    frameworkErrors: answerFrameworkError,
  });
  const verifier = deps.adminTokens ?? new AdminTokenVerifier(deps.store.tokens, deps.log);
  const onRoute = deps.onRoute;
  if (onRoute) {
    app.addHook('onRoute', (route) => {
      for (const method of ([] as string[]).concat(route.method)) if (method !== 'HEAD') onRoute(method, route.url, route.config?.auth);
    });
  }
  registerJsonBody(app);
  registerErrorHandling(app, deps.log);
  registerHostCheck(app, deps.allowedHosts);
  registerAuth(app, verifier, deps.accessKeys ?? deps.gateway?.accessKeys ?? noAccessKeys);
  if (deps.logRequests !== false) {
    app.addHook('onResponse', async (req, reply) => {
      // The gateway writes its own audit line per request (src/server/gateway/audit.ts). The route
      // matched is logged, not the URL as sent (it may hold anything; see src/server/http/auth.ts).
      const route = req.routeOptions.url;
      if (route?.startsWith('/ext/')) return;
      deps.log.info('request', {
        method: req.method,
        route: route ?? null,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
      });
    });
  }
  registerMetaRoutes(app, deps.gateway ? () => deps.gateway!.options.db.query('SELECT 1') : undefined);
  registerResourceRoutes(app, deps.store.resources);
  registerBatchRoute(app, deps.store.resources);
  registerTokenRoutes(app, deps.store.tokens, verifier);
  registerKeyRoutes(app, {
    resources: deps.store.resources,
    keysChanged: () => deps.gateway?.accessKeys.invalidate(),
    now: () => deps.gateway?.now() ?? Date.now(),
  });
  registerGateway(app, deps.gateway);
  registerUiRoutes(app);
  return app;
}
