/** The json format: pinned by schemas/output/plan.schema.json, and readable back by parsePlanJson. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePlanJson, renderPlan, PLAN_JSON_FORMAT_VERSION } from '../../../../src/cli/render/plan/index.js';
import { REPO_ROOT } from '../../../helpers/cli.js';
import { compileSchemaFile, errorsOf } from '../diagnostics/schema-validator.js';
import { bigPlan, loadPlan, PLAN_NAMES, planInput } from './fixture.js';

const validate = compileSchemaFile(path.join(REPO_ROOT, 'schemas/output/plan.schema.json'));

describe('pai plan --format json', () => {
  for (const name of PLAN_NAMES) {
    it(`${name}: the rendered document satisfies plan.schema.json`, () => {
      expect(errorsOf(validate, JSON.parse(renderPlan('json', planInput(loadPlan(name)))))).toEqual([]);
    });
  }

  it('a 2,000-resource plan satisfies the schema too', () => {
    expect(errorsOf(validate, JSON.parse(renderPlan('json', planInput(bigPlan(2000)))))).toEqual([]);
  });

  it('carries the format version and tool, the plan unchanged, 2-space indent and a final newline', () => {
    const plan = loadPlan('updates');
    const out = renderPlan('json', planInput(plan, { toolVersion: '9.9.9' }));
    expect(out.endsWith('}\n')).toBe(true);
    expect(out).toContain('\n  "formatVersion": 1,');
    expect(JSON.parse(out)).toEqual({ formatVersion: PLAN_JSON_FORMAT_VERSION, tool: { name: 'pai', version: '9.9.9' }, plan });
  });

  const REJECTED: Array<{ name: string; mutate: (doc: Record<string, any>) => void }> = [
    { name: 'an unknown top-level field', mutate: (d) => (d.extra = 1) },
    { name: 'an unknown action', mutate: (d) => (d.plan.changes[0].action = 'replace') },
    { name: 'an unknown field on a change', mutate: (d) => (d.plan.changes[0].changes[0].value = 'x') },
    { name: 'a Secret value in a sensitive change', mutate: (d) => (d.plan.changes[0].changes[0].after = 'hunter2') },
    { name: 'a missing summary count', mutate: (d) => delete d.plan.summary.noop },
    { name: 'another format version', mutate: (d) => (d.formatVersion = 2) },
  ];
  for (const { name, mutate } of REJECTED) {
    it(`the schema rejects ${name}`, () => {
      const doc = JSON.parse(renderPlan('json', planInput(loadPlan('updates'))));
      mutate(doc);
      expect(errorsOf(validate, doc)).not.toEqual([]);
    });
  }

  it('parsePlanJson reads a rendered document back', () => {
    const plan = loadPlan('deletes-prune');
    expect(parsePlanJson(renderPlan('json', planInput(plan)))?.plan).toEqual(plan);
  });

  for (const [name, text] of [
    ['not JSON', 'Plan: 1 to create'],
    ['another version', JSON.stringify({ formatVersion: 2, plan: {} })],
    ['a validate result', JSON.stringify({ formatVersion: 1, tool: { name: 'pai', version: '1' }, summary: {}, diagnostics: [] })],
  ] as const) {
    it(`parsePlanJson refuses ${name}`, () => expect(parsePlanJson(text)).toBeUndefined());
  }
});
