import type { AddressInfo } from 'node:net';
import { describeUrl } from '../store/database-url.js';
import { openStore } from '../store/store.js';
import { AdminTokenVerifier } from './admin-token-verifier.js';
import { buildApp } from './app.js';
import { bootstrapAdminToken, checkBootstrapToken } from './bootstrap.js';
import type { Logger } from './logger.js';

/** How to run the control plane (the `pai server` flags, resolved). */
export interface ControlPlaneOptions {
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  dataDir: string;
  /** PostgreSQL instead of the embedded PGlite. */
  databaseUrl?: string;
  log: Logger;
  /** Human messages for the operator (the first admin token); never part of the JSON log. */
  tell: (text: string) => void;
  /** `PAI_BOOTSTRAP_ADMIN_TOKEN`, if set. */
  bootstrapToken?: string;
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
  const store = await openStore({ dataDir: opts.dataDir, ...(opts.databaseUrl ? { databaseUrl: opts.databaseUrl } : {}) });
  for (const notice of store.notices) opts.log.warn(notice);
  opts.log.info(
    'store ready',
    opts.databaseUrl ? { backend: 'postgresql', database: describeUrl(opts.databaseUrl) } : { backend: 'pglite', dataDir: opts.dataDir },
  );
  let app;
  try {
    const adminTokens = new AdminTokenVerifier(store.tokens, opts.log);
    app = buildApp({ store, log: opts.log, adminTokens });
    // Listen before the bootstrap: if the port is taken, no token is created that nobody saw.
    await app.listen({ host: opts.host, port: opts.port });
    const boot = await bootstrapAdminToken(store.tokens, opts.dataDir, opts.bootstrapToken);
    adminTokens.invalidate();
    if (boot.created) opts.log.info('created the first admin token', { name: 'admin', file: boot.file, fromEnvironment: boot.fromEnvironment });
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
    return {
      url,
      close: async () => {
        try {
          await running.close();
        } finally {
          await store.close();
        }
      },
    };
  } catch (err) {
    await app?.close().catch(() => {});
    await store.close().catch(() => {});
    throw err;
  }
}
