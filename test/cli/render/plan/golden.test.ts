/**
 * Golden tests of the plan renderers: every fixtures/plans/<name>.json rendered in every format
 * must equal fixtures/plans/expected/<name>.<format> byte for byte. After an intended change to
 * a format, regenerate the files and review the diff:
 *
 *   UPDATE_GOLDEN=1 npx vitest run test/cli/render/plan
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderPlan, type PlanFormat, type PlanRenderInput } from '../../../../src/cli/render/plan/index.js';
import { loadPlan, PLAN_EXPECTED, PLAN_NAMES, planInput } from './fixture.js';

const update = process.env.UPDATE_GOLDEN === '1';
const FORMATS: readonly PlanFormat[] = ['text', 'markdown', 'json'];

/** Variants beyond one file per format: colour, and a markdown cut to a small length. */
const EXTRA: Array<{ name: string; plan: string; format: PlanFormat; file: string; input: Partial<PlanRenderInput> }> = [
  { name: 'text with ANSI colour', plan: 'updates', format: 'text', file: 'updates.text-color', input: { color: true } },
  {
    name: 'markdown cut at 1,200 characters',
    plan: 'updates',
    format: 'markdown',
    file: 'updates.cut.markdown',
    input: { maxLength: 1200, fullPlanLocation: '[the job summary of this run](https://github.com/acme/pai-config/actions/runs/42)' },
  },
];

function expectGolden(actual: string, file: string): void {
  const expectedFile = path.join(PLAN_EXPECTED, file);
  if (update) writeFileSync(expectedFile, actual);
  // A missing expected file fails: it is written only when asked for, after a review of the output.
  expect(existsSync(expectedFile), `${expectedFile} is missing: review the output, then run with UPDATE_GOLDEN=1`).toBe(true);
  expect(actual).toBe(readFileSync(expectedFile, 'utf8'));
}

describe('plan renderers match their golden files', () => {
  it('there are fixture plans to render', () => {
    expect(PLAN_NAMES).toEqual(expect.arrayContaining(['no-changes', 'creates-only', 'updates', 'deletes-prune', 'prunable-unmanaged', 'takeover']));
  });

  for (const name of PLAN_NAMES) {
    for (const format of FORMATS) {
      it(`${name} as ${format}`, () => {
        expectGolden(renderPlan(format, planInput(loadPlan(name))), `${name}.${format}`);
      });
    }
  }

  for (const extra of EXTRA) {
    it(`${extra.plan}: ${extra.name}`, () => {
      expectGolden(renderPlan(extra.format, planInput(loadPlan(extra.plan), extra.input)), extra.file);
    });
  }

  it('colour only adds escape codes: stripping them gives the plain text', () => {
    for (const name of PLAN_NAMES) {
      const plain = renderPlan('text', planInput(loadPlan(name)));
      const coloured = renderPlan('text', planInput(loadPlan(name), { color: true }));
      expect(coloured.replace(/\x1b\[\d+m/g, '')).toBe(plain);
    }
  });

  it('only text with colour on contains escape codes', () => {
    for (const name of PLAN_NAMES) {
      for (const format of FORMATS) expect(renderPlan(format, planInput(loadPlan(name), { color: format !== 'text' }))).not.toContain('\x1b');
    }
  });
});
