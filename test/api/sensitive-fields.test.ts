import { describe, expect, it } from 'vitest';
import { sensitivePaths } from '../../scripts/gen-sensitive-paths.mjs';
import { readSchemaFiles } from '../../scripts/gen-validators.mjs';
import { isSensitivePath, sensitiveValues } from '../../src/api/sensitive-fields.js';

describe('isSensitivePath: read from x-pai-sensitive in schemas/', () => {
  it.each([
    [[], true],
    [['spec'], true],
    [['spec', 'stringData', 'api-key'], true],
    [['spec', 'data', 'k', 0, 'deeper'], true],
    [['spec', 'stringdata'], true],
    [['stringData'], true],
    [['spec', 'type'], false],
    [['apiVersion'], false],
    [['kind'], false],
    [['metadata', 'name'], false],
    [['metadata', 'labels', 'team'], false],
  ] as const)('Secret %j → %s', (path, expected) => {
    expect(isSensitivePath('Secret', path)).toBe(expected);
  });

  it('kinds without annotations have no sensitive positions', () => {
    expect(isSensitivePath('ModelProvider', ['spec', 'endpoint'])).toBe(false);
    expect(isSensitivePath(undefined, ['spec'])).toBe(false);
  });

  it('an annotation added to a schema is picked up, through $ref and list items', () => {
    const files = readSchemaFiles().map((f) => structuredClone(f));
    const agent = files.find((f) => f.file === 'agent.schema.json')!.schema;
    agent.properties.spec['x-pai-sensitive'] = true;
    expect(sensitivePaths(files).Agent).toEqual([{ path: ['spec'], sensitive: true }]);
  });
});

describe('sensitiveValues', () => {
  it('collects every scalar under a Secret, whatever its shape, and nothing else', () => {
    const doc = {
      apiVersion: 'pai.io/v1',
      kind: 'Secret',
      metadata: { name: 'kept-name', labels: { a: 'kept-label' } },
      spec: { type: 'Opaque', stringData: { a: 'v1', n: 42, l: ['v2', true], m: { x: 'v3' } }, typo: 'v4' },
      extra: 'v5',
    };
    expect(sensitiveValues(doc).sort()).toEqual(['42', 'true', 'v1', 'v2', 'v3', 'v4', 'v5']);
  });

  it('a spec that is a string is one value; the kind can come from elsewhere (the route)', () => {
    expect(sensitiveValues({ kind: 'Secret', spec: 'whole' })).toEqual(['whole']);
    expect(sensitiveValues({ spec: { stringData: { k: 'from-route' } } }, 'Secret')).toEqual(['from-route']);
    expect(sensitiveValues({ kind: 'Agent', spec: { x: 'not secret' } })).toEqual([]);
  });
});
