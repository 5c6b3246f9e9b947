import { rmSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { startServer, type RunningServer } from '../../helpers/server.js';
import { apiClient, type ApiClient } from './api-client.js';
import { freshDataDir } from '../../helpers/data-dir.js';

/**
 * One real `pai server` for a test file, on a fresh data dir: started before its tests, stopped
 * and removed after them. The returned object is filled in by `beforeAll`.
 */
export function useFreshServer(): { server: RunningServer; api: ApiClient } {
  const ctx = {} as { server: RunningServer; api: ApiClient };
  beforeAll(async () => {
    ctx.server = await startServer({ dataDir: await freshDataDir() });
    ctx.api = apiClient(ctx.server);
  });
  afterAll(async () => {
    await ctx.server?.stop();
    if (ctx.server) rmSync(ctx.server.dataDir, { recursive: true, force: true });
  });
  return ctx;
}
