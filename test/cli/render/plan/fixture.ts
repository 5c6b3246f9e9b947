/** Loads fixtures/plans/<name>.json as a PlanRenderInput, for the golden, cut and schema tests. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Plan } from '../../../../src/compiler/plan/types.js';
import type { PlanRenderInput } from '../../../../src/cli/render/plan/index.js';
import { REPO_ROOT } from '../../../helpers/cli.js';

export const PLAN_FIXTURES = path.join(REPO_ROOT, 'fixtures/plans');
export const PLAN_EXPECTED = path.join(PLAN_FIXTURES, 'expected');

/** Every fixture plan's name (file name without `.json`), sorted. */
export const PLAN_NAMES: readonly string[] = readdirSync(PLAN_FIXTURES)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -'.json'.length))
  .sort();

export function loadPlan(name: string): Plan {
  return JSON.parse(readFileSync(path.join(PLAN_FIXTURES, `${name}.json`), 'utf8')) as Plan;
}

export function planInput(plan: Plan, overrides: Partial<PlanRenderInput> = {}): PlanRenderInput {
  return { plan, color: false, toolVersion: '0.1.0-test', ...overrides };
}

/**
 * A plan of `count` resources, a realistic mix (creates, updates with several field changes,
 * deletes), for the cut tests: 2,000 of them make a markdown far longer than a GitHub comment.
 */
export function bigPlan(count: number): Plan {
  const changes: Plan['changes'] = [];
  for (let i = 0; i < count; i++) {
    const name = `agent-${String(i).padStart(5, '0')}`;
    const action = i % 5 === 0 ? 'create' : i % 7 === 0 ? 'delete' : 'update';
    changes.push({
      key: { kind: 'Agent', namespace: 'default', name },
      action,
      changes:
        action === 'update'
          ? [
              { path: 'spec.tokens.maxPerDay', before: 1000 + i, after: 2000 + i },
              { path: 'spec.models', before: ['anthropic/claude-haiku-4-5'], after: ['anthropic/claude-sonnet-4-6'], added: ['anthropic/claude-sonnet-4-6'], removed: ['anthropic/claude-haiku-4-5'] },
              { path: 'spec.system', before: 'old prompt', after: `You are agent ${i}.\nBe brief.\n` },
            ]
          : [],
      drift: i % 11 === 0,
      ...(action !== 'delete' ? { source: { file: `config/agents/${name}.yaml`, line: 1 } } : { reason: 'no longer declared in github.com/acme/pai-config#config' }),
    });
  }
  const count$ = (a: string) => changes.filter((c) => c.action === a).length;
  return {
    source: 'github.com/acme/pai-config#config',
    commit: '3f2c9a1e8b7d6c5f4e3a2b1c0d9e8f7a6b5c4d3e',
    prune: true,
    changes,
    prunable: [],
    unmanaged: Array.from({ length: 25 }, (_, i) => ({ kind: 'Agent', namespace: 'sandbox', name: `hand-${i}` })),
    summary: { create: count$('create'), update: count$('update'), delete: count$('delete'), noop: 17 },
  };
}
