import { describe, expect, it } from 'vitest';
import { redactSecretValues, splitSecretSpec } from '../../src/server/secret-input.js';

const secret = (spec: unknown) => ({ apiVersion: 'pai.io/v1', kind: 'Secret', metadata: { name: 's' }, spec });

describe('redactSecretValues', () => {
  it.each([
    ['string values', { stringData: { a: 'VALUE' } }, { stringData: { a: 'redacted' } }],
    ['base64 values (stay valid base64)', { data: { a: 'VkFMVUU=' } }, { data: { a: 'cmVkYWN0ZWQ=' } }],
    [
      'values of the wrong type keep their type',
      { stringData: { n: 42, b: true, o: { x: 'VALUE' }, l: ['VALUE'] } },
      { stringData: { n: 0, b: false, o: {}, l: [] } },
    ],
    ['a whole field of the wrong type', { stringData: 'VALUE', data: ['VALUE'] }, { stringData: 'redacted', data: [] }],
    ['other spec fields are kept', { type: 'Opaque', stringData: { a: 'VALUE' } }, { type: 'Opaque', stringData: { a: 'redacted' } }],
  ])('%s', (_name, spec, expected) => {
    const redacted = redactSecretValues(secret(spec));
    expect(redacted.spec).toEqual(expected);
    expect(JSON.stringify(redacted)).not.toContain('VALUE');
  });
});

describe('splitSecretSpec', () => {
  it('decodes data, takes stringData as UTF-8 (winning over data), and keeps the rest of the spec', () => {
    const split = splitSecretSpec({ type: 'Opaque', data: { a: Buffer.from('from-data').toString('base64'), b: 'AAE=' }, stringData: { a: 'from-string' } });
    expect(split.spec).toEqual({ type: 'Opaque' });
    expect(split.values.get('a')?.toString()).toBe('from-string');
    expect([...split.values.get('b')!]).toEqual([0, 1]);
    expect(split.diagnostics).toEqual([]);
  });

  it.each([
    ['invalid base64', { data: { k: 'SECRET not base64' } }, 'schema-format', '/spec/data/k'],
    ['a non-string value', { stringData: { 'a/b': 7 } }, 'schema-type', '/spec/stringData/a~1b'],
  ])('%s is a diagnostic that names the key, never the value', (_name, spec, code, pointer) => {
    const split = splitSecretSpec(spec);
    expect(split.diagnostics).toEqual([expect.objectContaining({ code, pointer, severity: 'error' })]);
    expect(JSON.stringify(split.diagnostics)).not.toContain('SECRET');
  });
});
