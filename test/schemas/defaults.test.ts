/**
 * applyDefaults fills in the schema `default`s so that plan sees an omitted default and a written
 * one as equal. It works on a copy, only inside objects that are present, and creates a whole
 * block only where the schema gives the block itself a default (retry, audit, thresholds, spec).
 */
import { describe, expect, it } from 'vitest';
import { applyDefaults } from '../../src/api/defaults.js';
import { loadAllSchemas } from '../../src/api/schemas.js';
import { validators } from '../../src/compiler/validate/validators.generated.js';
import { minimal, nim, reviewer, withValue, type Doc } from './manifests.js';

const specOf = (doc: Doc) => applyDefaults(doc).spec;

describe('applyDefaults', () => {
  it.each<[string, Doc, Record<string, unknown>]>([
    ['ModelProvider: retry is always on, so an absent retry block gets its defaults', minimal('ModelProvider'), { retry: { maxAttempts: 3, initialBackoffMs: 200, maxBackoffMs: 5000 } }],
    ['ModelProvider: apiKeySecretRef.key defaults to api-key', minimal('ModelProvider'), { apiKeySecretRef: { name: 'anthropic-key', key: 'api-key' } }],
    ['ModelProvider: a present externalAccess gets enabled: false', withValue(minimal('ModelProvider'), 'spec.externalAccess', { maxTokensPerDay: 10 }), { externalAccess: { enabled: false, maxTokensPerDay: 10 } }],
    ['ModelProvider: guards[] items get enforcement: enforce', withValue(minimal('ModelProvider'), 'spec.guards', [{ binding: 'g' }, { binding: 'h', enforcement: 'audit' }]), { guards: [{ binding: 'g', enforcement: 'enforce' }, { binding: 'h', enforcement: 'audit' }] }],
    ['Agent: top-level spec defaults', minimal('Agent'), { harness: 'default', longRunning: false, replicas: 1, runAsUser: 65532 }],
    ['Agent: memories, tools and files items', withValue(withValue(withValue(minimal('Agent'), 'spec.memories', [{ name: 'm', mountPath: '/m' }]), 'spec.tools', [{ type: 'bash' }]), 'spec.files', [{ name: 'f', mountPath: '/f' }]), {
      memories: [{ name: 'm', mountPath: '/m', access: 'readWrite' }],
      tools: [{ type: 'bash', enabled: true }],
      files: [{ name: 'f', mountPath: '/f', readOnly: false }],
    }],
    ['Provider: audit is always on; auth present gets secretKey, header, prefix; mcp present gets transport', withValue(withValue(minimal('Provider'), 'spec.auth', { type: 'pat', secretRef: 'gh' }), 'spec.mcp', { url: 'https://mcp.example.com/sse' }), {
      audit: { logRequests: true, enforcement: 'enforce' },
      auth: { type: 'pat', secretRef: 'gh', secretKey: 'token', header: 'Authorization', prefix: 'Bearer ' },
      mcp: { url: 'https://mcp.example.com/sse', transport: 'sse' },
    }],
    ['GuardBinding: classifier type and the injection threshold', minimal('GuardBinding'), { classifier: { endpoint: 'https://guard.example.com/classify', type: 'promptGuard' }, thresholds: { injection: 0.9 } }],
  ])('%s', (_name, doc, expected) => {
    expect(specOf(doc)).toMatchObject(expected);
  });

  it.each<[string, Doc, string[]]>([
    ['ModelProvider: no externalAccess, guards or fallbacks are invented', minimal('ModelProvider'), ['externalAccess', 'guards', 'fallbacks', 'endpoint']],
    ['Provider: no auth, mcp, policy or externalAccess are invented', minimal('Provider'), ['auth', 'mcp', 'policy', 'externalAccess', 'config']],
    ['Agent: no inbound, tokens, resources or triggers are invented', minimal('Agent'), ['inbound', 'tokens', 'resources', 'triggers', 'memories', 'env']],
  ])('%s', (_name, doc, absent) => {
    const spec = specOf(doc);
    for (const key of absent) expect(spec, key).not.toHaveProperty(key);
  });

  it('an Agent or Secret without spec gets one (their spec is optional and defaulted)', () => {
    expect(specOf(withValue(minimal('Agent'), 'spec', undefined))).toEqual({ harness: 'default', longRunning: false, replicas: 1, runAsUser: 65532 });
    expect(specOf(withValue(minimal('Secret'), 'spec', undefined))).toEqual({});
  });

  it('keeps every value that is written, including falsy ones', () => {
    const doc = withValue(withValue(minimal('Agent'), 'spec.replicas', 0), 'spec.longRunning', true);
    expect(specOf(withValue(doc, 'spec.tools', [{ type: 'bash', enabled: false }]))).toMatchObject({ replicas: 0, longRunning: true, tools: [{ enabled: false }] });
    expect(specOf(withValue(nim(), 'spec.retry', { maxAttempts: 5 })).retry).toEqual({ maxAttempts: 5, initialBackoffMs: 200, maxBackoffMs: 5000 });
  });

  it('an omitted default and the same value written out compare equal', () => {
    const written = withValue(nim(), 'spec.retry', { maxAttempts: 3, initialBackoffMs: 200, maxBackoffMs: 5000 });
    written.spec.apiKeySecretRef.key = 'api-key';
    const omitted = withValue(nim(), 'spec.apiKeySecretRef', { name: 'nim-key' });
    expect(applyDefaults(omitted)).toEqual(applyDefaults(written));
  });

  it('does not touch its input, and is idempotent', () => {
    const doc = reviewer();
    const before = structuredClone(doc);
    const once = applyDefaults(doc);
    expect(doc).toEqual(before);
    expect(applyDefaults(once)).toEqual(once);
    expect(once).not.toBe(doc);
  });

  it('env entries (oneOf) and the deliberately open triggers pass through unchanged', () => {
    const env = [{ name: 'A', value: '1' }, { name: 'B', secretRef: { name: 's', key: 'k' } }];
    const triggers = [{ webhook: {} }, { schedule: { cron: '* * * * *', extra: 1 } }];
    const spec = specOf(withValue(withValue(minimal('Agent'), 'spec.env', env), 'spec.triggers', triggers));
    expect(spec.env).toEqual(env);
    expect(spec.triggers).toEqual(triggers);
  });

  it('leaves values of the wrong type alone (validation reports them)', () => {
    expect(specOf(withValue(nim(), 'spec.retry', 'fast')).retry).toBe('fast');
    expect(specOf(withValue(minimal('Agent'), 'spec.memories', 'notes')).memories).toBe('notes');
    expect(applyDefaults(withValue(minimal('ModelProvider'), 'spec', 'x')).spec).toBe('x');
  });

  it('returns a plain copy of documents of unknown kinds and of non-objects', () => {
    const doc = { apiVersion: 'pai.io/v1', kind: 'Session', spec: {} };
    expect(applyDefaults(doc)).toEqual(doc);
    expect(applyDefaults(null)).toBeNull();
    expect(applyDefaults('text')).toBe('text');
  });

  it('the result of every kind still validates (defaults are valid values)', () => {
    for (const kind of Object.keys(validators) as Array<keyof typeof validators>) {
      const filled = applyDefaults(minimal(kind));
      expect(validators[kind](filled), `${kind}: ${JSON.stringify(validators[kind].errors)}`).toBe(true);
    }
  });

  it('every `default` in the schemas is reachable: documents with every defaulted block present get them all', () => {
    // Each leaf default of the schema files as "property = value"; a default that the walk cannot
    // reach (behind a construct it does not follow) is missing from what applyDefaults fills in.
    const declared = new Set<string>();
    const collect = (node: unknown, name: string): void => {
      if (Array.isArray(node)) node.forEach((n) => collect(n, name));
      else if (node && typeof node === 'object') {
        const o = node as Record<string, unknown>;
        if ('default' in o && (typeof o.default !== 'object' || o.default === null)) declared.add(`${name} = ${JSON.stringify(o.default)}`);
        for (const [k, v] of Object.entries(o)) if (k !== 'default' && k !== 'properties' && k !== '$defs') collect(v, name);
        for (const key of ['properties', '$defs']) {
          for (const [prop, sub] of Object.entries((o[key] ?? {}) as Record<string, unknown>)) collect(sub, prop);
        }
      }
    };
    for (const schema of loadAllSchemas().values()) collect(schema, '');
    const docs: Doc[] = [
      withValue(withValue(withValue(withValue(nim(), 'spec.apiKeySecretRef', { name: 'k' }), 'spec.externalAccess', {}), 'spec.guards', [{ binding: 'g' }]), 'spec.timeouts', {}),
      withValue(withValue(withValue(minimal('Agent'), 'spec.memories', [{ name: 'm', mountPath: '/m' }]), 'spec.tools', [{ type: 't' }]), 'spec.files', [{ name: 'f', mountPath: '/f' }]),
      withValue(withValue(withValue(minimal('Provider'), 'spec.auth', {}), 'spec.mcp', {}), 'spec.externalAccess', {}),
      withValue(minimal('GuardBinding'), 'spec.classifier.auth', {}),
    ];
    const filled = new Set<string>();
    for (const doc of docs) addedLeaves(doc, applyDefaults(doc), '', filled);
    expect([...declared].filter((d) => !filled.has(d))).toEqual([]);
    expect(declared.size).toBeGreaterThan(15);
  });
});

/** Adds "property = value" for each leaf present in `after` but not in `before`. */
function addedLeaves(before: unknown, after: unknown, name: string, out: Set<string>): void {
  if (Array.isArray(after)) after.forEach((v, i) => addedLeaves(Array.isArray(before) ? before[i] : undefined, v, name, out));
  else if (after && typeof after === 'object') {
    const b = (before && typeof before === 'object' ? before : {}) as Record<string, unknown>;
    for (const [k, v] of Object.entries(after)) addedLeaves(b[k], v, k, out);
  } else if (before === undefined) out.add(`${name} = ${JSON.stringify(after)}`);
}
