import { describe, expect, it } from 'vitest';
import { explainField, renderExplain, UnknownFieldError } from '../../../../src/cli/render/resources/explain.js';
import { KINDS, resolveKindAlias } from '../../../../src/api/kinds.js';

const mp = resolveKindAlias('mp')!;

describe('explainField', () => {
  it('follows $refs and lists, keeping the more specific description', () => {
    const models = explainField(mp, ['spec', 'allowedModels']);
    expect(models.type).toBe('[]string');
    expect(models.description).toMatch(/^Model ids agents may use/);
    const metadata = explainField(mp, ['metadata']);
    expect(metadata.fields.map((f) => f.name)).toEqual(expect.arrayContaining(['name', 'namespace', 'labels', 'annotations']));
    expect(metadata.fields.find((f) => f.name === 'name')!.required).toBe(true);
  });

  it('shows allowed values and defaults', () => {
    expect(explainField(mp, ['spec', 'provider']).constraints[0]).toMatch(/^Allowed values: "anthropic", "openai"/);
  });

  it('names the fields where an unknown one was asked for', () => {
    try {
      explainField(mp, ['spec', 'retry', 'nope']);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(UnknownFieldError);
      expect((err as UnknownFieldError).message).toBe('ModelProvider.spec.retry has no field "nope"');
      expect((err as UnknownFieldError).known.length).toBeGreaterThan(0);
    }
  });

  it('every field of every kind, three levels deep, has a description and a type (deprecated ones may take anything)', () => {
    const missing: string[] = [];
    const walk = (kind: (typeof KINDS)[number], path: string[]) => {
      const e = explainField(kind, path);
      expect(renderExplain(e)).toContain(`KIND:     ${kind.kind}`);
      if (path.length > 0 && (!e.description || (e.type === 'any' && !e.constraints.includes('Deprecated.')))) missing.push(`${kind.kind}.${path.join('.')}`);
      if (path.length < 3) for (const f of e.fields) walk(kind, [...path, f.name]);
    };
    for (const kind of KINDS) walk(kind, []);
    expect(missing).toEqual([]);
  });
});
