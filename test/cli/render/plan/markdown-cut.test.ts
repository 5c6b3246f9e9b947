/**
 * Cutting the markdown plan to GitHub's comment limit: at a resource boundary, with every code
 * fence and <details> block closed, and a note saying how many resources are not shown and
 * where the whole plan is.
 */
import { describe, expect, it } from 'vitest';
import { renderPlan, PLAN_COMMENT_MARKER } from '../../../../src/cli/render/plan/index.js';
import { bigPlan, loadPlan, planInput } from './fixture.js';

const GITHUB_COMMENT_MAX = 65_536;
const WHERE = '[the job summary of this run](https://github.com/acme/pai-config/actions/runs/42)';

/** Fences open and close in pairs, and so do <details> blocks. */
function expectBalanced(md: string): void {
  const fences = md.split('\n').filter((l) => l.startsWith('```'));
  expect(fences.length % 2).toBe(0);
  for (let i = 0; i < fences.length; i += 2) {
    expect(fences[i]).toMatch(/^```diff$/);
    expect(fences[i + 1]).toBe('```');
  }
  expect(md.match(/<details/g)?.length ?? 0).toBe(md.match(/<\/details>/g)?.length ?? 0);
}

/** Resource names that appear in the markdown (creates, deletes and updates alike). */
function shownNames(md: string): string[] {
  return [...md.matchAll(/Agent default\/(agent-\d+)/g)].map((m) => m[1] as string);
}

describe('markdown plan cut to a maximum length', () => {
  const plan = bigPlan(2000);
  const whole = renderPlan('markdown', planInput(plan));
  const cut = renderPlan('markdown', planInput(plan, { maxLength: GITHUB_COMMENT_MAX, fullPlanLocation: WHERE }));

  it('the uncut plan of 2,000 resources is far longer than a GitHub comment', () => {
    expect(whole.length).toBeGreaterThan(4 * GITHUB_COMMENT_MAX);
  });

  it('the cut plan fits, starts with the marker and keeps its title', () => {
    expect(cut.length).toBeLessThanOrEqual(GITHUB_COMMENT_MAX);
    expect(cut.length).toBeGreaterThan(GITHUB_COMMENT_MAX - 2_000);
    expect(cut.startsWith(`${PLAN_COMMENT_MARKER}\n### pai plan: ${plan.summary.create} to create, ${plan.summary.update} to update, ${plan.summary.delete} to delete\n`)).toBe(true);
  });

  it('no fence or details block is left open', () => expectBalanced(cut));

  it('every shown resource is complete, and the note counts the others', () => {
    const names = new Set(shownNames(cut));
    const hidden = 2000 - names.size;
    expect(hidden).toBeGreaterThan(0);
    expect(cut).toContain(`**… ${hidden} more resources not shown. The whole plan is in ${WHERE}.**`);
    // A shown update carries all three of its field lines: it was not cut in the middle.
    for (const name of names) {
      const c = plan.changes.find((x) => x.key.name === name);
      if (c?.action === 'update') {
        const block = cut.slice(cut.indexOf(`~ Agent default/${name}</code>`));
        expect(block.slice(0, block.indexOf('</details>'))).toMatch(/spec\.tokens\.maxPerDay[\s\S]*spec\.models:[\s\S]*spec\.system/);
      }
    }
  });

  it('resources are kept in order: the shown ones are the first of their section', () => {
    const updates = plan.changes.filter((c) => c.action === 'update').map((c) => c.key.name);
    const shownUpdates = shownNames(cut).filter((n) => updates.includes(n));
    expect(shownUpdates).toEqual(updates.slice(0, shownUpdates.length));
  });

  it('what is left alone is still counted after the cut', () => {
    expect(cut).toContain('25 live resources not managed by this source are left alone.');
    expect(cut.trimEnd().endsWith('<sub>pai 0.1.0-test</sub>')).toBe(true);
  });

  it('a plan that fits is not cut', () => {
    const small = loadPlan('updates');
    expect(renderPlan('markdown', planInput(small, { maxLength: GITHUB_COMMENT_MAX, fullPlanLocation: WHERE }))).toBe(renderPlan('markdown', planInput(small)));
  });

  const LIMITS = [100, 300, 600, 1_000, 5_000, 20_000];
  for (const maxLength of LIMITS) {
    it(`a limit of ${maxLength} characters is never exceeded and leaves the markdown balanced`, () => {
      const md = renderPlan('markdown', planInput(plan, { maxLength, fullPlanLocation: WHERE }));
      expect(md.length).toBeLessThanOrEqual(maxLength);
      if (maxLength >= 600) {
        expectBalanced(md);
        expect(md).toContain('more resources not shown');
      }
    });
  }

  it('without a location, the note says how to see the whole plan', () => {
    const md = renderPlan('markdown', planInput(plan, { maxLength: 5_000 }));
    expect(md).toContain('not shown. Run `pai plan` to see the whole plan.**');
  });

  it('a plan whose only long part is a list of prunable resources is cut to counts', () => {
    const prunable = Array.from({ length: 3000 }, (_, i) => ({ kind: 'Agent', namespace: 'default', name: `gone-${i}` }));
    const p = { ...loadPlan('no-changes'), prunable };
    const md = renderPlan('markdown', planInput(p, { maxLength: 10_000, fullPlanLocation: WHERE }));
    expect(md.length).toBeLessThanOrEqual(10_000);
    expect(md).toContain('3000 resources not declared but owned by this source would be deleted with `--prune`.');
    expect(md).toContain(`**Some lists are shortened. The whole plan is in ${WHERE}.**`);
  });
});
