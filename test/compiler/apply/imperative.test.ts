import { describe, expect, it } from 'vitest';
import { isUnchanged, runImperative, sameJson } from '../../../src/compiler/apply/imperative.js';
import { secretFingerprint } from '../../../src/compiler/apply/secret-fingerprint.js';
import { ControlPlaneError, ControlPlaneUnreachableError } from '../../../src/api/errors.js';
import type { Manifest, Resource } from '../../../src/api/wire.js';
import type { ManifestDocument } from '../../../src/compiler/apply/imperative.js';

/** An in-memory control plane: enough of get/put/create for the imperative path. */
function fakeControlPlane(initial: Resource[] = []) {
  const store = new Map(initial.map((r) => [`${r.kind}/${r.metadata.namespace}/${r.metadata.name}`, r]));
  const calls: string[] = [];
  const toResource = (m: Manifest): Resource => ({
    apiVersion: m.apiVersion,
    kind: m.kind,
    metadata: { name: m.metadata.name, namespace: m.metadata.namespace ?? 'default', ...(m.metadata.annotations ? { annotations: m.metadata.annotations } : {}), uid: 'u', resourceVersion: '1', generation: 1, creationTimestamp: 't' },
    spec: m.spec ?? {},
  });
  const key = (kind: string, ns: string, name: string) => `${kind}/${ns}/${name}`;
  const notFound = () => new ControlPlaneError({ status: 404, reason: 'NotFound', message: 'not found' }, { method: 'GET', path: '/' });
  return {
    calls,
    store,
    async get(kind: unknown, ns: string, name: string) {
      calls.push(`get ${String(kind)}/${name}`);
      const r = store.get(key(String(kind), ns, name));
      if (!r) throw notFound();
      return r;
    },
    async put(m: Manifest) {
      calls.push(`put ${m.kind}/${m.metadata.name}`);
      const k = key(m.kind, m.metadata.namespace ?? 'default', m.metadata.name);
      const created = !store.has(k);
      store.set(k, toResource(m));
      return { resource: store.get(k)!, created };
    },
    async create(m: Manifest) {
      calls.push(`create ${m.kind}/${m.metadata.name}`);
      const k = key(m.kind, m.metadata.namespace ?? 'default', m.metadata.name);
      if (store.has(k)) throw new ControlPlaneError({ status: 409, reason: 'AlreadyExists', message: 'exists' }, { method: 'POST', path: '/' });
      store.set(k, toResource(m));
      return store.get(k)!;
    },
    async batch(): Promise<never> {
      throw new Error('these tests name no cycles: nothing goes in a batch');
    },
  };
}

const doc = (kind: string, name: string, spec: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}): ManifestDocument => ({
  manifest: { apiVersion: 'pai.io/v1', kind, metadata: { name, ...metadata }, spec } as Manifest,
  source: `f.yaml:1`,
});

describe('runImperative apply', () => {
  it('sends Secrets first and reports created, then unchanged on a second run', async () => {
    const cp = fakeControlPlane();
    const docs = [doc('Agent', 'a', { models: ['x/y'] }), doc('ModelProvider', 'x', { provider: 'anthropic' }), doc('Secret', 's', { stringData: { k: 'v' } })];
    const first = await runImperative(cp, docs, 'apply');
    expect(first.map((r) => `${r.ref} ${r.outcome}`)).toEqual(['secret/s created', 'modelprovider/x created', 'agent/a created']);
    // the fake stores no fingerprints, so make the stored Secret look like the server's
    const salt = 'ab';
    cp.store.get('Secret/default/s')!.status = { salt, keys: [{ name: 'k', fingerprint: secretFingerprint(salt, 'k', 'v') }] };
    cp.store.get('Secret/default/s')!.spec = {};
    cp.calls.length = 0;
    const second = await runImperative(cp, docs, 'apply');
    expect(second.map((r) => r.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(cp.calls.filter((c) => c.startsWith('put'))).toEqual([]);
  });

  it('configured when the spec changed; the write carries no resourceVersion', async () => {
    const cp = fakeControlPlane();
    await runImperative(cp, [doc('Agent', 'a', { models: ['x/y'] })], 'apply');
    const results = await runImperative(cp, [doc('Agent', 'a', { models: ['x/z'] }, { resourceVersion: '99', uid: 'stale' })], 'apply');
    expect(results[0]!.outcome).toBe('configured');
  });

  it('a Secret declared without values never replaces existing values', async () => {
    const existing: Resource = { apiVersion: 'pai.io/v1', kind: 'Secret', metadata: { name: 's', namespace: 'default', uid: 'u', resourceVersion: '1', generation: 1, creationTimestamp: 't' }, spec: {}, status: { salt: 'x', keys: [{ name: 'k', fingerprint: 'sha256:1' }] } };
    const cp = fakeControlPlane([existing]);
    const results = await runImperative(cp, [doc('Secret', 's', {}, { annotations: { a: 'b' } })], 'apply');
    expect(results[0]!.outcome).toBe('unchanged');
    expect(cp.calls).toEqual(['get Secret/s']);
  });

  it('records a failure and goes on with the rest', async () => {
    const cp = fakeControlPlane();
    cp.put = async () => {
      throw new ControlPlaneError({ status: 422, reason: 'Invalid', message: 'bad' }, { method: 'PUT', path: '/' });
    };
    const results = await runImperative(cp, [doc('Secret', 'a'), doc('Secret', 'b')], 'apply');
    expect(results.map((r) => (r.error as ControlPlaneError).status)).toEqual([422, 422]);
  });

  it('stops at once when the server is unreachable', async () => {
    const cp = fakeControlPlane();
    cp.get = async () => {
      throw new ControlPlaneUnreachableError('http://x', 'ECONNREFUSED', 3);
    };
    await expect(runImperative(cp, [doc('Secret', 'a'), doc('Secret', 'b')], 'apply')).rejects.toBeInstanceOf(ControlPlaneUnreachableError);
  });
});

describe('runImperative create', () => {
  it('creates, and reports what already exists', async () => {
    const cp = fakeControlPlane();
    await runImperative(cp, [doc('Secret', 'a')], 'create');
    const results = await runImperative(cp, [doc('Secret', 'a'), doc('Secret', 'b')], 'create');
    expect(results.map((r) => r.outcome ?? (r.error as ControlPlaneError).reason)).toEqual(['AlreadyExists', 'created']);
  });
});

describe('isUnchanged', () => {
  const live = (spec: Record<string, unknown>, annotations?: Record<string, string>): Resource => ({ apiVersion: 'pai.io/v1', kind: 'Agent', metadata: { name: 'a', namespace: 'default', ...(annotations ? { annotations } : {}), uid: 'u', resourceVersion: '1', generation: 1, creationTimestamp: 't' }, spec });
  const manifest = (spec: Record<string, unknown>, annotations?: Record<string, string>): Manifest => ({ apiVersion: 'pai.io/v1', kind: 'Agent', metadata: { name: 'a', ...(annotations ? { annotations } : {}) }, spec });
  it('ignores key order', () => expect(isUnchanged(manifest({ a: 1, b: [1, { c: 2, d: 3 }] }), live({ b: [1, { d: 3, c: 2 }], a: 1 }))).toBe(true));
  it('sees a changed annotation', () => expect(isUnchanged(manifest({}, { x: '1' }), live({}, { x: '2' }))).toBe(false));
  it('sees a changed secret value by fingerprint', () => {
    const secretLive: Resource = { ...live({}), kind: 'Secret', status: { salt: 's', keys: [{ name: 'k', fingerprint: secretFingerprint('s', 'k', 'old') }] } };
    const m = (v: string): Manifest => ({ apiVersion: 'pai.io/v1', kind: 'Secret', metadata: { name: 'a' }, spec: { stringData: { k: v } } });
    expect(isUnchanged(m('old'), secretLive)).toBe(true);
    expect(isUnchanged(m('new'), secretLive)).toBe(false);
  });
  it('sameJson treats undefined fields as absent', () => expect(sameJson({ a: 1, b: undefined }, { a: 1 })).toBe(true));
});
