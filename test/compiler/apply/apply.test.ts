/**
 * The applier's contract, against an in-memory ControlPlane (the end-to-end tests in
 * test/e2e/gitops.test.ts run it against the real server): dependency order, conditional writes,
 * a 409 reported as a conflict and never retried as an overwrite, later levels skipped.
 */
import { describe, expect, it } from 'vitest';
import { applyPlan } from '../../../src/compiler/apply/apply.js';
import type { ApplyEvent } from '../../../src/compiler/apply/events.js';
import type { ControlPlane } from '../../../src/api/control-plane.js';
import { ControlPlaneError } from '../../../src/api/errors.js';
import type { Manifest, Resource } from '../../../src/api/wire.js';
import { computePlan } from '../../../src/compiler/plan/compute.js';
import { keyId } from '../../../src/api/diagnostic.js';

type Obj = Record<string, unknown>;

function memoryControlPlane(opts: { failPutOf?: string } = {}) {
  const store = new Map<string, Resource>();
  const writes: string[] = [];
  let rv = 100;
  const id = (kind: string, ns: string | undefined, name: string) => `${kind}/${ns ?? 'default'}/${name}`;
  const stored = (m: Manifest): Resource => ({ ...(m as unknown as Resource), metadata: { ...m.metadata, namespace: m.metadata.namespace ?? 'default', uid: 'u', resourceVersion: String(++rv), generation: 1, creationTimestamp: 'now' } });
  const cp = {
    async create(m: Manifest) {
      const k = id(m.kind, m.metadata.namespace, m.metadata.name);
      writes.push(`create ${k}`);
      if (store.has(k)) throw new ControlPlaneError({ status: 409, reason: 'AlreadyExists', message: 'exists' }, { method: 'POST', path: k });
      store.set(k, stored(m));
      return store.get(k)!;
    },
    async put(m: Manifest) {
      const k = id(m.kind, m.metadata.namespace, m.metadata.name);
      writes.push(`put ${k} if rv=${m.metadata.resourceVersion}`);
      const cur = store.get(k);
      if (k === opts.failPutOf || (cur && m.metadata.resourceVersion && cur.metadata.resourceVersion !== m.metadata.resourceVersion)) {
        throw new ControlPlaneError({ status: 409, reason: 'Conflict', message: 'stale' }, { method: 'PUT', path: k });
      }
      store.set(k, stored(m));
      return { created: !cur, resource: store.get(k)! };
    },
    async delete(kind: string, ns: string, name: string, o: { resourceVersion?: string } = {}) {
      const k = id(kind, ns, name);
      writes.push(`delete ${k} if rv=${o.resourceVersion}`);
      // As the server's admission: a delete is refused while a resource that stays names it.
      const users = [...store.values()].filter((r) => JSON.stringify(r.spec).includes(`"${name}/`) && id(r.kind, r.metadata.namespace, r.metadata.name) !== k);
      if (users.length > 0) {
        const dependents = users.map((r) => ({ kind: r.kind, namespace: r.metadata.namespace, name: r.metadata.name, pointer: '/spec/fallbacks/0' }));
        throw new ControlPlaneError({ status: 409, reason: 'InUse', message: 'in use', dependents }, { method: 'DELETE', path: k });
      }
      const cur = store.get(k)!;
      store.delete(k);
      return cur;
    },
    async batch(operations: Array<{ op: string; resource: Manifest }>) {
      writes.push(`batch ${operations.map((o) => `${o.op} ${id(o.resource.kind, o.resource.metadata.namespace, o.resource.metadata.name)}`).join(', ')}`);
      return operations.map((o) => {
        const k = id(o.resource.kind, o.resource.metadata.namespace, o.resource.metadata.name);
        if (o.op === 'delete') store.delete(k);
        else store.set(k, stored(o.resource));
        return { op: o.op, status: 201, resource: stored(o.resource) };
      });
    },
  } as unknown as ControlPlane;
  return { cp, store, writes };
}

const manifests: Obj[] = [
  { apiVersion: 'pai.io/v1', kind: 'Agent', metadata: { name: 'bot' }, spec: { models: ['p/m'] } },
  { apiVersion: 'pai.io/v1', kind: 'ModelProvider', metadata: { name: 'p' }, spec: { provider: 'anthropic', apiKeySecretRef: { name: 'k', key: 'api-key' } } },
  { apiVersion: 'pai.io/v1', kind: 'Secret', metadata: { name: 'k' }, spec: { stringData: { 'api-key': 'CANARY' } } },
];
const desiredList = manifests.map((m) => ({ key: { kind: String(m.kind), namespace: 'default', name: String((m.metadata as Obj).name) }, manifest: m }));
const desired = new Map(desiredList.map((d) => [keyId(d.key), d.manifest]));

describe('applyPlan', () => {
  it('creates in dependency order with ownership annotations, emitting one event per resource', async () => {
    const { cp, store, writes } = memoryControlPlane();
    const plan = computePlan({ desired: desiredList, live: [], source: 'repo#.', commit: 'c0ffee', prune: false });
    const events: ApplyEvent[] = [];
    const outcome = await applyPlan({ plan, desired, controlPlane: cp, emit: (e) => events.push(e) });
    expect(outcome).toEqual({ applied: 3, failed: 0, skipped: 0 });
    expect(writes).toEqual(['create Secret/default/k', 'create ModelProvider/default/p', 'create Agent/default/bot']);
    expect(events.map((e) => e.type)).toEqual(['apply-started', 'resource-applied', 'resource-applied', 'resource-applied', 'apply-finished']);
    const annotations = store.get('Agent/default/bot')!.metadata.annotations!;
    expect(annotations['pai.io/managed-by']).toBe('repo#.');
    expect(annotations['pai.io/git-commit']).toBe('c0ffee');
    // The last-applied record never holds a secret value.
    expect(store.get('Secret/default/k')!.metadata.annotations!['pai.io/last-applied']).not.toContain('CANARY');
  });

  it('writes updates conditionally on the resourceVersion the plan read', async () => {
    const { cp, writes } = memoryControlPlane();
    const live = [{ ...manifests[1], metadata: { name: 'p', namespace: 'default', resourceVersion: '5' }, spec: { provider: 'anthropic' } }];
    const plan = computePlan({ desired: [desiredList[1]!], live, source: 'repo#.', prune: false });
    await applyPlan({ plan, desired, controlPlane: cp, emit: () => {} });
    expect(writes).toEqual(['put ModelProvider/default/p if rv=5']);
  });

  it('reports a 409 as a conflict, overwrites nothing, and skips the levels after it', async () => {
    const { cp, writes } = memoryControlPlane({ failPutOf: 'ModelProvider/default/p' });
    const live = [{ ...manifests[1], metadata: { name: 'p', namespace: 'default', resourceVersion: '5' }, spec: { provider: 'anthropic' } }];
    const plan = computePlan({ desired: desiredList, live, source: 'repo#.', prune: false });
    const events: ApplyEvent[] = [];
    const outcome = await applyPlan({ plan, desired, controlPlane: cp, emit: (e) => events.push(e) });
    expect(outcome).toEqual({ applied: 1, failed: 1, skipped: 1 });
    expect(writes).toEqual(['create Secret/default/k', 'put ModelProvider/default/p if rv=5']);
    const failed = events.find((e) => e.type === 'resource-failed');
    expect(failed).toMatchObject({ conflict: true, key: { name: 'p' } });
    expect(events.find((e) => e.type === 'resource-skipped')).toMatchObject({ key: { kind: 'Agent' } });
  });

  it('creates a ModelProvider after the one its fallbacks use, and two that fall back to each other in one batch', async () => {
    const mp = (name: string, fallbacks: string[]) => ({ apiVersion: 'pai.io/v1', kind: 'ModelProvider', metadata: { name }, spec: { provider: 'anthropic', fallbacks } });
    const list = [mp('a', ['b/m']), mp('b', []), mp('x', ['y/m']), mp('y', ['x/m'])].map((m) => ({ key: { kind: 'ModelProvider', namespace: 'default', name: m.metadata.name }, manifest: m as Obj }));
    const { cp, writes } = memoryControlPlane();
    const plan = computePlan({ desired: list, live: [], source: 'repo#.', prune: false });
    const outcome = await applyPlan({ plan, desired: new Map(list.map((d) => [keyId(d.key), d.manifest])), controlPlane: cp, emit: () => {}, concurrency: 1 });
    expect(outcome).toEqual({ applied: 4, failed: 0, skipped: 0 });
    expect(writes.indexOf('create ModelProvider/default/b')).toBeLessThan(writes.indexOf('create ModelProvider/default/a'));
    expect(writes).toContainEqual(expect.stringMatching(/^batch create ModelProvider\/default\/[xy], create ModelProvider\/default\/[xy]$/));
  });

  it('prunes two ModelProviders that fall back to each other: the refused delete goes again with the other, in one batch', async () => {
    const { cp, store, writes } = memoryControlPlane();
    for (const [name, other] of [['x', 'y'], ['y', 'x']] as const) {
      await cp.create({ apiVersion: 'pai.io/v1', kind: 'ModelProvider', metadata: { name, annotations: { 'pai.io/managed-by': 'repo#.' } }, spec: { provider: 'anthropic', fallbacks: [`${other}/m`] } } as unknown as Manifest);
    }
    writes.length = 0;
    const live = [...store.values()] as unknown as Obj[];
    const plan = computePlan({ desired: [], live, source: 'repo#.', prune: true });
    const outcome = await applyPlan({ plan, desired: new Map(), controlPlane: cp, emit: () => {}, concurrency: 1 });
    expect(outcome).toEqual({ applied: 2, failed: 0, skipped: 0 });
    expect(writes.at(-1)).toMatch(/^batch delete ModelProvider\/default\/[xy]/);
    expect(store.size).toBe(0);
  });
});
