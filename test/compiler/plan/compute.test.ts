import { describe, expect, it } from 'vitest';
import { computePlan, type DesiredResource } from '../../../src/compiler/plan/compute.js';
import { secretFingerprint } from '../../../src/api/secret-values.js';
import { withOwnership } from '../../../src/compiler/plan/ownership.js';

type Obj = Record<string, unknown>;
const SOURCE = 'https://github.com/acme/config#agents';

function mp(name: string, spec: Obj, ns = 'default'): Obj {
  return { apiVersion: 'pai.io/v1', kind: 'ModelProvider', metadata: { name, namespace: ns }, spec };
}
function desired(m: Obj): DesiredResource {
  const md = m.metadata as Obj;
  return { key: { kind: String(m.kind), namespace: String(md.namespace ?? 'default'), name: String(md.name) }, manifest: m };
}
/** What the server returns after pai applied `m` (server-owned fields added). */
function live(m: Obj, rv = '7', owned = true): Obj {
  const applied = structuredClone(owned ? withOwnership(m, SOURCE, "abc123") : m);
  return { ...applied, metadata: { ...(applied.metadata as Obj), uid: 'u-1', resourceVersion: rv, generation: 1, creationTimestamp: '2026-11-25T00:00:00Z' }, status: { lastUsed: null } };
}
const base = { provider: 'anthropic', apiKeySecretRef: { name: 'k', key: 'api-key' }, maxTokensPerDay: 5000000 };

describe('computePlan', () => {
  it('creates what is declared but not live', () => {
    const plan = computePlan({ desired: [desired(mp('a', base))], live: [], source: SOURCE, prune: false });
    expect(plan.changes).toMatchObject([{ action: 'create', key: { kind: 'ModelProvider', name: 'a' } }]);
    expect(plan.summary).toEqual({ create: 1, update: 0, delete: 0, noop: 0 });
  });

  it('lists every attribute of a create (defaults filled in) and of a delete, for the reviewer', () => {
    const created = computePlan({ desired: [desired(mp('a', { ...base, allowedModels: ['claude-sonnet-4-6'] }))], live: [], source: SOURCE, prune: false });
    const paths = created.changes[0]!.changes.map((c) => c.path);
    expect(paths).toEqual(expect.arrayContaining(['spec.provider', 'spec.maxTokensPerDay', 'spec.apiKeySecretRef.name', 'spec.allowedModels', 'spec.retry.maxAttempts']));
    expect(created.changes[0]!.changes.find((c) => c.path === 'spec.allowedModels')).toEqual({ path: 'spec.allowedModels', after: ['claude-sonnet-4-6'], added: ['claude-sonnet-4-6'] });
    const deleted = computePlan({ desired: [], live: [live(mp('gone', base))], source: SOURCE, prune: true });
    expect(deleted.changes[0]).toMatchObject({ action: 'delete' });
    expect(deleted.changes[0]!.changes).toContainEqual({ path: 'spec.maxTokensPerDay', before: 5000000 });
  });

  it('lists a created Secret by its keys, never its values', () => {
    const secret = { apiVersion: 'pai.io/v1', kind: 'Secret', metadata: { name: 's', namespace: 'default' }, spec: { stringData: { 'api-key': 'hunter2-no-known-shape' } } };
    const plan = computePlan({ desired: [desired(secret)], live: [], source: SOURCE, prune: false });
    expect(plan.changes[0]!.changes).toEqual([{ path: 'data.api-key', sensitive: true, after: '(sensitive value)' }]);
    expect(JSON.stringify(plan)).not.toContain('hunter2');
  });

  it('takes over another source\'s resource as a visible change of owner, and reads old raw-URL owners as this source', () => {
    const theirs = live(mp('a', base));
    (theirs.metadata as Obj).annotations = { ...((theirs.metadata as Obj).annotations as Obj), 'pai.io/managed-by': 'github.com/acme/other#.' };
    const plan = computePlan({ desired: [desired(mp('a', base))], live: [theirs], source: 'github.com/acme/config#agents', prune: false });
    expect(plan.changes[0]).toMatchObject({ action: 'update', reason: 'adopted from github.com/acme/other#.', changes: [{ path: 'metadata.annotations.pai.io/managed-by', before: 'github.com/acme/other#.', after: 'github.com/acme/config#agents' }] });
    const ours = computePlan({ desired: [desired(mp('a', base))], live: [live(mp('a', base))], source: 'github.com/acme/config#agents', prune: false });
    expect(ours.changes.map((c) => c.action)).toEqual(['no-op']);
  });

  it('is a no-op when only server-owned fields and omitted defaults differ', () => {
    const withDefaultsSpelledOut = { ...base, retry: { maxAttempts: 3, initialBackoffMs: 200, maxBackoffMs: 5000 } };
    const plan = computePlan({ desired: [desired(mp('a', base))], live: [live(mp('a', withDefaultsSpelledOut))], source: SOURCE, prune: false });
    expect(plan.changes.map((c) => c.action)).toEqual(['no-op']);
  });

  it('lists exactly the changed field, with before and after', () => {
    const plan = computePlan({ desired: [desired(mp('a', { ...base, maxTokensPerDay: 6000000 }))], live: [live(mp('a', base))], source: SOURCE, prune: false });
    expect(plan.changes[0]).toMatchObject({ action: 'update', liveResourceVersion: '7', drift: false });
    expect(plan.changes[0]!.changes).toEqual([{ path: 'spec.maxTokensPerDay', before: 5000000, after: 6000000 }]);
  });

  it('shows added and removed items of scalar lists', () => {
    const plan = computePlan({
      desired: [desired(mp('a', { ...base, allowedModels: ['x', 'z'] }))],
      live: [live(mp('a', { ...base, allowedModels: ['x', 'y'] }))],
      source: SOURCE,
      prune: false,
    });
    expect(plan.changes[0]!.changes).toEqual([{ path: 'spec.allowedModels', before: ['x', 'y'], after: ['x', 'z'], added: ['z'], removed: ['y'] }]);
  });

  it('marks a live edit made outside git as drift', () => {
    const declared = mp('a', base);
    const handEdited = live(declared);
    (handEdited.spec as Obj).maxTokensPerDay = 1; // someone ran `pai apply -f` by hand
    const plan = computePlan({ desired: [desired(declared)], live: [handEdited], source: SOURCE, prune: false });
    expect(plan.changes[0]).toMatchObject({ action: 'update', drift: true });
    expect(plan.changes[0]!.changes).toEqual([{ path: 'spec.maxTokensPerDay', before: 1, after: 5000000, drift: true }]);
  });

  it('a change made in git is not drift', () => {
    const plan = computePlan({ desired: [desired(mp('a', { ...base, maxTokensPerDay: 9 }))], live: [live(mp('a', base))], source: SOURCE, prune: false });
    expect(plan.changes[0]!.drift).toBe(false);
  });

  it('compares secret values by fingerprint and never carries a value', () => {
    const salt = 'abcd';
    const liveSecret = { apiVersion: 'pai.io/v1', kind: 'Secret', metadata: { name: 's', namespace: 'default', resourceVersion: '3' }, spec: {}, status: { salt, keys: [{ name: 'same', fingerprint: secretFingerprint(salt, 'same', 'v1') }, { name: 'changed', fingerprint: secretFingerprint(salt, 'changed', 'old') }, { name: 'gone', fingerprint: 'sha256:00' }] } };
    const wanted = { apiVersion: 'pai.io/v1', kind: 'Secret', metadata: { name: 's' }, spec: { stringData: { same: 'v1', changed: 'CANARY-new-value', added: 'CANARY-2' } } };
    const plan = computePlan({ desired: [desired(wanted)], live: [liveSecret], source: SOURCE, prune: false });
    expect(plan.changes[0]!.changes).toEqual([
      { path: 'data.changed', sensitive: true },
      { path: 'data.added', sensitive: true, after: '(sensitive value)' },
      { path: 'data.gone', sensitive: true, before: '(sensitive value)' },
    ]);
    expect(JSON.stringify(plan)).not.toContain('CANARY');
  });

  it('a Secret declared without values manages none: no change against a live one with values', () => {
    const liveSecret = { apiVersion: 'pai.io/v1', kind: 'Secret', metadata: { name: 's', namespace: 'default', resourceVersion: '3' }, spec: {}, status: { salt: 'x', keys: [{ name: 'api-key', fingerprint: 'sha256:1' }] } };
    const plan = computePlan({ desired: [desired({ apiVersion: 'pai.io/v1', kind: 'Secret', metadata: { name: 's' }, spec: {} })], live: [liveSecret], source: SOURCE, prune: false });
    expect(plan.changes.map((c) => c.action)).toEqual(['no-op']);
  });

  it('prunes only what this source applied, and only with prune', () => {
    const ours = live(mp('old', base));
    const byHand = live(mp('hand', base), '8', false);
    const otherRepo = { ...live(mp('other', base)), metadata: { ...(live(mp('other', base)).metadata as Obj), annotations: { 'pai.io/managed-by': 'https://github.com/acme/other#.' } } };
    const without = computePlan({ desired: [], live: [ours, byHand, otherRepo], source: SOURCE, prune: false });
    expect(without.changes).toEqual([]);
    expect(without.prunable.map((k) => k.name)).toEqual(['old']);
    expect(without.unmanaged.map((k) => k.name)).toEqual(['hand', 'other']);
    const withPrune = computePlan({ desired: [], live: [ours, byHand, otherRepo], source: SOURCE, prune: true });
    expect(withPrune.changes).toMatchObject([{ action: 'delete', key: { name: 'old' }, liveResourceVersion: '7' }]);
    expect(withPrune.unmanaged.map((k) => k.name)).toEqual(['hand', 'other']);
  });

  it('orders creates by dependency and deletes in reverse', () => {
    const agent = { apiVersion: 'pai.io/v1', kind: 'Agent', metadata: { name: 'ag' }, spec: {} };
    const secret = { apiVersion: 'pai.io/v1', kind: 'Secret', metadata: { name: 'k' }, spec: {} };
    const oldKey = live({ apiVersion: 'pai.io/v1', kind: 'AccessKey', metadata: { name: 'x' }, spec: { modelProviders: ['p'] } });
    const oldSecret = live({ apiVersion: 'pai.io/v1', kind: 'Secret', metadata: { name: 'y' }, spec: {} });
    const plan = computePlan({ desired: [desired(agent), desired(mp('p', base)), desired(secret)], live: [oldSecret, oldKey], source: SOURCE, prune: true });
    expect(plan.changes.map((c) => `${c.action} ${c.key.kind}`)).toEqual(['create Secret', 'create ModelProvider', 'create Agent', 'delete AccessKey', 'delete Secret']);
  });
});
