/** Behaviour of the text and markdown plans beyond the golden files: redaction, safety, limits. */
import { describe, expect, it } from 'vitest';
import { computePlan } from '../../../../src/compiler/plan/compute.js';
import { secretFingerprint } from '../../../../src/api/secret-values.js';
import { withOwnership } from '../../../../src/compiler/plan/ownership.js';
import type { FieldChange, Plan, ResourceChange } from '../../../../src/compiler/plan/types.js';
import { renderPlan, type PlanFormat } from '../../../../src/cli/render/plan/index.js';
import { planInput } from './fixture.js';

function planOf(changes: ResourceChange[], extra: Partial<Plan> = {}): Plan {
  const count = (a: string) => changes.filter((c) => c.action === a).length;
  return {
    source: 'acme/config#config',
    prune: false,
    changes,
    prunable: [],
    unmanaged: [],
    summary: { create: count('create'), update: count('update'), delete: count('delete'), noop: count('no-op') },
    ...extra,
  };
}

function updateOf(fields: FieldChange[], name = 'support'): ResourceChange {
  return { key: { kind: 'Agent', namespace: 'default', name }, action: 'update', changes: fields, drift: false };
}

const HUMAN: PlanFormat[] = ['text', 'markdown'];
const render = (format: PlanFormat, plan: Plan) => renderPlan(format, planInput(plan));

describe('plan text and markdown', () => {
  const LINES: Array<{ name: string; field: FieldChange; text: string; markdown: string }> = [
    { name: 'a scalar update shows before → after', field: { path: 'spec.replicas', before: 1, after: 3 }, text: '~ spec.replicas: 1 → 3', markdown: '! spec.replicas: 1 → 3' },
    { name: 'an added field shows its value', field: { path: 'spec.endpoint', after: 'https://x.example/v1' }, text: '+ spec.endpoint: "https://x.example/v1"', markdown: '+ spec.endpoint: "https://x.example/v1"' },
    { name: 'a removed field shows its old value', field: { path: 'spec.image', before: 'busybox' }, text: '      - spec.image: "busybox" → null\n', markdown: '\n- spec.image: "busybox" → null\n' },
    { name: 'a list change names items added and removed', field: { path: 'spec.models', before: ['a', 'b'], after: ['a', 'c'], added: ['c'], removed: ['b'] }, text: '~ spec.models: + "c", - "b"', markdown: '! spec.models:\n+   "c"\n-   "b"' },
    { name: 'a multi-line string shows its first line and length', field: { path: 'spec.system', after: 'one\ntwo\nthree' }, text: '+ spec.system: "one" (3 lines)', markdown: '+ spec.system: "one" (3 lines)' },
    { name: 'a big object is summarised, not dumped', field: { path: 'spec.resources', after: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '2', memory: '4Gi' }, extra: 'x'.repeat(50) } }, text: '+ spec.resources: {… 3 keys}', markdown: '+ spec.resources: {… 3 keys}' },
    { name: 'a drifted field says it will be reverted', field: { path: 'spec.replicas', before: 5, after: 1, drift: true }, text: '~ spec.replicas: 5 → 1  (changed outside git — will be reverted)', markdown: '! spec.replicas: 5 → 1  ⚠ changed outside git — will be reverted' },
    { name: 'a value that looks like an API key is masked', field: { path: 'metadata.labels.note', after: 'sk-ant-abcdefghijklmnop' }, text: '"***********************"', markdown: '"***********************"' },
  ];
  for (const { name, field, text, markdown } of LINES) {
    it(`text: ${name}`, () => expect(render('text', planOf([updateOf([field])]))).toContain(text));
    it(`markdown: ${name}`, () => expect(render('markdown', planOf([updateOf([field])]))).toContain(markdown));
  }

  for (const format of HUMAN) {
    it(`${format}: a sensitive change never shows a value, even one put there by mistake`, () => {
      const out = render(format, planOf([updateOf([{ path: 'data.api-key', sensitive: true, before: 'hunter2-old', after: 'hunter2-new' }])]));
      expect(out).toContain('data.api-key: (sensitive value changed)');
      expect(out).not.toContain('hunter2');
    });

    it(`${format}: a long list of added items names ten and counts the rest`, () => {
      const added = Array.from({ length: 15 }, (_, i) => `model-${i}`);
      const out = render(format, planOf([updateOf([{ path: 'spec.allowedModels', before: [], after: added, added }])]));
      expect(out).toContain('"model-9"');
      expect(out).not.toContain('"model-10"');
      expect(out).toContain('… and 5 more');
    });

    it(`${format}: no-ops are counted, not listed`, () => {
      const noop: ResourceChange = { key: { kind: 'Agent', namespace: 'default', name: 'quiet' }, action: 'no-op', changes: [], drift: false };
      const out = render(format, planOf([noop, updateOf([{ path: 'spec.replicas', before: 1, after: 2 }])]));
      expect(out).not.toContain('quiet');
      expect(out).toContain('1 unchanged');
    });
  }

  it('text: control characters in names and values cannot reach the terminal', () => {
    const change = updateOf([{ path: 'spec.x\x1b[2J', before: 'a', after: 'b\x9b31m' }], 'evil\x1b]0;owned\x07');
    const out = render('text', planOf([change], { source: 'acme\x1b[31m#x' }));
    expect(out).not.toMatch(/[\x1b\x07\x9b]/);
  });

  it('markdown: names cannot inject HTML into a summary', () => {
    const out = render('markdown', planOf([updateOf([{ path: 'spec.replicas', before: 1, after: 2 }], '<img src=x onerror=alert(1)>')]));
    expect(out).toContain('<code>~ Agent default/&lt;img src=x onerror=alert(1)&gt;</code>');
    expect(out).not.toContain('<img');
  });

  it('markdown: up to ten updates are expanded, more are collapsed', () => {
    const updates = (n: number) => Array.from({ length: n }, (_, i) => updateOf([{ path: 'spec.replicas', before: 1, after: 2 }], `a${i}`));
    expect(render('markdown', planOf(updates(10)))).toContain('<details open>');
    expect(render('markdown', planOf(updates(11)))).not.toContain('<details open>');
  });

  it('a plan computed from real manifests renders, Secret values redacted', () => {
    const source = 'acme/config#config';
    const secret = (value: string) => ({ apiVersion: 'pai.io/v1', kind: 'Secret', metadata: { name: 'nv', namespace: 'default' }, spec: { stringData: { 'api-key': value } } });
    const provider = (models: string[]) => ({ apiVersion: 'pai.io/v1', kind: 'ModelProvider', metadata: { name: 'nvidia', namespace: 'default' }, spec: { provider: 'openai', endpoint: 'https://integrate.api.nvidia.com/v1', apiKeySecretRef: { name: 'nv', key: 'api-key' }, allowedModels: models } });
    const liveSecret: Record<string, unknown> = { ...withOwnership({ ...secret('old-value-1'), spec: {} }, source), status: { salt: 's', keys: [{ name: 'api-key', fingerprint: secretFingerprint('s', 'api-key', 'old-value-1') }] } };
    const liveProvider = withOwnership(provider(['a', 'b']), source);
    (liveSecret.metadata as Record<string, unknown>).resourceVersion = '1';
    (liveProvider.metadata as Record<string, unknown>).resourceVersion = '2';
    const plan = computePlan({
      desired: [
        { key: { kind: 'Secret', namespace: 'default', name: 'nv' }, manifest: secret('new-value-2'), source: { file: 'config/secrets.yaml', line: 1 } },
        { key: { kind: 'ModelProvider', namespace: 'default', name: 'nvidia' }, manifest: provider(['a', 'c']), source: { file: 'config/providers.yaml', line: 1 } },
      ],
      live: [liveSecret, liveProvider],
      source,
      prune: false,
    });
    const text = render('text', plan);
    expect(text).toContain('~ data.api-key: (sensitive value changed)');
    expect(text).toContain('~ spec.allowedModels: + "c", - "b"');
    expect(text).toContain('Plan: 0 to create, 2 to update, 0 to delete (0 unchanged).');
    for (const format of ['text', 'markdown', 'json'] as const) expect(render(format, plan)).not.toMatch(/old-value-1|new-value-2/);
  });
});
