import { describe, expect, it } from 'vitest';
import { splitSecretSpec } from '../../../src/server/http/secret-input.js';

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
