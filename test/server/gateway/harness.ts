import { rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { Gateway, type GatewayOptions } from '../../../src/server/gateway/gateway.js';
import { buildApp } from '../../../src/server/http/app.js';
import type { Logger, LogFields } from '../../../src/server/http/logger.js';
import { openStore, type Store } from '../../../src/server/store/store.js';
import { FakeUpstream } from '../../helpers/fake-upstream.js';
import { freshDataDir } from '../../helpers/data-dir.js';

/** One log line as the harness captured it. */
export interface LogLine extends LogFields {
  level: string;
  msg: string;
}

/**
 * A real control plane with its gateway, in this process, on 127.0.0.1 (HTTP, the same app
 * `pai server` runs), over a PGlite store in a fresh data dir (a copy of the initdb template:
 * an in-memory PGlite would run initdb, seconds, in every file), with a clock the test moves and
 * instant upstream retries; plus a fake upstream. Fast enough to start once per test file.
 */
export interface Harness {
  url: string;
  adminToken: string;
  store: Store;
  gateway: Gateway;
  upstream: FakeUpstream;
  logs: LogLine[];
  /** The gateway's clock (epoch ms); tests assign to it. */
  clock: { now: number };
  /** Calls the control-plane API with the admin token. */
  api(method: string, path: string, body?: unknown): Promise<{ status: number; body: any; text: string }>;
  /** PUTs manifests (Secrets, ModelProviders, AccessKeys …) in order. */
  apply(...manifests: Array<Record<string, unknown>>): Promise<void>;
  /** Mints (or rotates) the key of an AccessKey and returns it. */
  mintKey(name: string, namespace?: string): Promise<string>;
  /** An official OpenAI SDK client for the gateway with this key (no SDK retries). */
  openai(key: string): OpenAI;
  /** Raw fetch to the gateway. */
  ext(path: string, init: { key?: string; body?: unknown; headers?: Record<string, string>; method?: string }): Promise<Response>;
  close(): Promise<void>;
}

export const T0 = Date.parse('2030-03-04T12:00:00Z');

export async function startHarness(options: Partial<GatewayOptions> = {}): Promise<Harness> {
  const logs: LogLine[] = [];
  const log: Logger = {
    info: (msg, fields) => void logs.push({ level: 'info', msg, ...fields }),
    warn: (msg, fields) => void logs.push({ level: 'warn', msg, ...fields }),
    error: (msg, fields) => void logs.push({ level: 'error', msg, ...fields }),
  };
  const upstream = await new FakeUpstream().start();
  const dataDir = await freshDataDir();
  const store = await openStore({ dataDir });
  const clock = { now: T0 };
  const gateway = new Gateway({
    db: store.db,
    resources: store.resources,
    log,
    now: () => clock.now,
    exclusiveStore: true,
    retryClock: { sleep: async () => {}, random: () => 0.5 },
    guardTimeoutMs: 300,
    ...options,
  });
  const app = buildApp({ store, log, gateway, logRequests: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  await gateway.start();
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const adminToken = await store.tokens.create('admin');
  const api: Harness['api'] = async (method, path, body) => {
    const res = await fetch(url + path, {
      method,
      headers: { authorization: `Bearer ${adminToken}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, text, body: text ? JSON.parse(text) : undefined };
  };
  return {
    url,
    adminToken,
    store,
    gateway,
    upstream,
    logs,
    clock,
    api,
    apply: async (...manifests) => {
      for (const m of manifests) {
        const meta = m.metadata as { name: string; namespace?: string };
        const plural = `${String(m.kind).toLowerCase()}s`;
        const res = await api('PUT', `/v1/namespaces/${meta.namespace ?? 'default'}/${plural}/${meta.name}`, m);
        if (res.status >= 300) throw new Error(`apply ${String(m.kind)} ${meta.name}: ${res.status} ${res.text}`);
      }
    },
    mintKey: async (name, namespace = 'default') => {
      const res = await api('POST', `/v1/namespaces/${namespace}/accesskeys/${name}/keys`, {});
      if (res.status !== 201) throw new Error(`mint ${name}: ${res.status} ${res.text}`);
      return res.body.key as string;
    },
    openai: (key) => new OpenAI({ apiKey: key, baseURL: `${url}/ext/v1`, maxRetries: 0 }),
    ext: (path, init) =>
      fetch(`${url}/ext/v1${path}`, {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        headers: { ...(init.key ? { authorization: `Bearer ${init.key}` } : {}), ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      }),
    close: async () => {
      // Every test is done: connections still open (a client's spare one that never sent a request
      // counts as busy until Node's 60 s headers timeout) are cut instead of waited for.
      const closing = app.close();
      app.server.closeAllConnections();
      await closing;
      await gateway.close();
      await store.close();
      await upstream.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Manifest builders for the tests. */
export const manifests = {
  secret: (name: string, value: string, namespace = 'default') => ({ apiVersion: 'pai.io/v1', kind: 'Secret', metadata: { name, namespace }, spec: { stringData: { 'api-key': value } } }),
  provider: (name: string, endpoint: string, spec: Record<string, unknown> = {}, namespace = 'default') => ({
    apiVersion: 'pai.io/v1',
    kind: 'ModelProvider',
    metadata: { name, namespace },
    spec: { provider: 'openai', endpoint, apiKeySecretRef: { name: `${name}-key`, key: 'api-key' }, externalAccess: { enabled: true }, retry: { maxAttempts: 2, initialBackoffMs: 1, maxBackoffMs: 2 }, ...spec },
  }),
  accessKey: (name: string, spec: Record<string, unknown>, namespace = 'default') => ({ apiVersion: 'pai.io/v1', kind: 'AccessKey', metadata: { name, namespace }, spec }),
  agent: (name: string, spec: Record<string, unknown>, namespace = 'default') => ({ apiVersion: 'pai.io/v1', kind: 'Agent', metadata: { name, namespace }, spec }),
  guard: (name: string, endpoint: string, spec: Record<string, unknown> = {}, namespace = 'default') => ({
    apiVersion: 'pai.io/v1',
    kind: 'GuardBinding',
    metadata: { name, namespace },
    spec: { classifier: { endpoint }, ...spec },
  }),
};
