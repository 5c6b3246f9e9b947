import type { AddressInfo } from 'node:net';
import { clockFromEnvironment } from '../gateway/clock.js';
import { Gateway } from '../gateway/gateway.js';
import { describeUrl } from '../store/database-url.js';
import { openStore } from '../store/store.js';
import { AdminTokenVerifier } from './admin-token-verifier.js';
import { buildApp } from './app.js';
import { bootstrapAdminToken, checkBootstrapToken } from './bootstrap.js';
import { allowedHostsFor } from './host-check.js';
import type { Logger } from './logger.js';
import type { RecorderOptions } from '../gateway/observability/request-recorder.js';
import { startMetricsListener } from './metrics-listener.js';

/** How to run the control plane (the `pai server` flags, resolved). */
export interface ControlPlaneOptions {
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  dataDir: string;
  /** PostgreSQL instead of the embedded PGlite. */
  databaseUrl?: string;
  /** The secret key (`--secret-key-file`, `PAI_SECRET_KEY`) instead of `<dataDir>/secret.key`:
   * replicas on one PostgreSQL must all have the same one. */
  secretKey?: Buffer;
  log: Logger;
  /** Human messages for the operator (the first admin token); never part of the JSON log. */
  tell: (text: string) => void;
  /** `PAI_BOOTSTRAP_ADMIN_TOKEN`, if set. */
  bootstrapToken?: string;
  /** The gateway takes client addresses from X-Forwarded-For (behind a trusted proxy). */
  trustProxy?: boolean;
  /** `--public-url`: the URL clients reach the server at (its host name is answered). */
  publicUrl?: string;
  /** `--allowed-host`: more Host names to answer besides loopback ones. */
  allowedHosts?: string[];
  /** The request log, metrics and `--metrics-port` (default: all on, no metrics port). */
  observability?: {
    recorder?: Partial<RecorderOptions>;
    metrics?: boolean;
    /** Serve /metrics without a token on 127.0.0.1:PORT. */
    metricsPort?: number;
  };
}

/** A started control plane. */
export interface RunningControlPlane {
  url: string;
  /** Stops accepting requests, lets in-flight ones finish, then closes the store. */
  close(): Promise<void>;
}

/**
 * Opens the store, bootstraps the first admin token, listens, and logs `listening` with the URL
 * once requests can be served (tests and scripts wait for that line).
 */
export async function startControlPlane(opts: ControlPlaneOptions): Promise<RunningControlPlane> {
  checkBootstrapToken(opts.bootstrapToken);
  const allowedHosts = allowedHostsFor(opts.host, {
    ...(opts.publicUrl !== undefined ? { publicUrl: opts.publicUrl } : {}),
    ...(opts.allowedHosts ? { allowedHosts: opts.allowedHosts } : {}),
  });
  const store = await openStore({
    dataDir: opts.dataDir,
    ...(opts.databaseUrl ? { databaseUrl: opts.databaseUrl } : {}),
    ...(opts.secretKey ? { secretKey: opts.secretKey } : {}),
  });
  for (const notice of store.notices) opts.log.warn(notice);
  opts.log.info(
    'store ready',
    opts.databaseUrl ? { backend: 'postgresql', database: describeUrl(opts.databaseUrl) } : { backend: 'pglite', dataDir: opts.dataDir },
  );
  let app;
  let gateway: Gateway | undefined;
  let metricsListener: { url: string; close(): Promise<void> } | undefined;
  try {
    // Replicas share the database: a cached token list would let a revoked token through elsewhere.
    const adminTokens = new AdminTokenVerifier(store.tokens, opts.log, store.shared ? 0 : undefined);
    const { clock, offsetMs } = clockFromEnvironment();
    if (offsetMs !== 0) opts.log.warn('the gateway clock is shifted (PAI_TEST_CLOCK_OFFSET_MS, for tests only)', { offsetMs });
    const observability = opts.observability ?? {};
    gateway = new Gateway({
      db: store.db,
      resources: store.resources,
      log: opts.log,
      now: clock,
      trustProxy: opts.trustProxy === true,
      exclusiveStore: !store.shared,
      ...(observability.recorder ? { recorder: observability.recorder } : {}),
      ...(observability.metrics === false ? { metrics: false } : {}),
    });
    app = buildApp({ store, log: opts.log, adminTokens, gateway, ...(allowedHosts ? { allowedHosts } : {}) });
    // Listen before the bootstrap: if the port is taken, no token is created that nobody saw.
    await app.listen({ host: opts.host, port: opts.port });
    const boot = await bootstrapAdminToken(store.tokens, opts.dataDir, opts.bootstrapToken);
    adminTokens.invalidate();
    if (boot.created) opts.log.info('created the first admin token', { name: 'admin', file: boot.file, fromEnvironment: boot.fromEnvironment });
    await gateway.start();
    if (observability.metricsPort !== undefined && gateway.metrics) {
      metricsListener = await startMetricsListener(gateway.metrics, observability.metricsPort);
      opts.log.info('metrics listening', { url: metricsListener.url });
    }
    const { port } = app.server.address() as AddressInfo;
    const url = `http://${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${port}`;
    opts.log.info('listening', { url, dataDir: opts.dataDir });
    if (boot.token) {
      opts.tell(
        `\nCreated the first admin token. It is shown only this once, and saved in ${boot.file} (mode 0600):\n\n` +
          `    ${boot.token}\n\nLog in with:  pai login ${url} --token "$(cat ${boot.file})"\n\n`,
      );
    }
    const running = app;
    const started = gateway;
    return {
      url,
      close: async () => {
        try {
          await metricsListener?.close();
          await running.close();
          // After the HTTP server drained: the gateway settles its budget leases in the store.
          await started.close();
        } finally {
          await store.close();
        }
      },
    };
  } catch (err) {
    await metricsListener?.close().catch(() => {});
    await app?.close().catch(() => {});
    await gateway?.close().catch(() => {});
    await store.close().catch(() => {});
    throw err;
  }
}
