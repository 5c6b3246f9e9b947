/**
 * Lints the action and every workflow with a real linter, action-validator (the JSON schemas of
 * GitHub's action and workflow syntax), and the example workflows in docs/github-action.md too,
 * so the README's snippet cannot rot. A broken file is checked as well, to prove the linter runs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../helpers/cli.js';

const VALIDATOR = path.join(REPO_ROOT, 'node_modules/.bin/action-validator');

function lint(file: string): { code: number; output: string } {
  const r = spawnSync(VALIDATOR, [file], { encoding: 'utf8', timeout: 30_000 });
  return { code: r.status ?? -1, output: `${r.stdout}${r.stderr}` };
}

/** ```yaml blocks of the docs that are whole workflows (they have `on:` and `jobs:`). */
function docWorkflows(): string[] {
  const md = readFileSync(path.join(REPO_ROOT, 'docs/github-action.md'), 'utf8');
  return [...md.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] as string).filter((y) => /^on:/m.test(y) && /^jobs:/m.test(y));
}

const workflowDir = path.join(REPO_ROOT, '.github/workflows');
const workflows = existsSync(workflowDir) ? readdirSync(workflowDir).filter((f) => /\.ya?ml$/.test(f)).map((f) => path.join(workflowDir, f)) : [];

describe('GitHub Actions files pass action-validator', () => {
  it('action-validator is installed (devDependency @action-validator/cli)', () => {
    expect(existsSync(VALIDATOR), 'run npm install: @action-validator/cli is a devDependency').toBe(true);
  });

  for (const file of [path.join(REPO_ROOT, 'action.yml'), ...workflows]) {
    it(path.relative(REPO_ROOT, file), () => {
      const { code, output } = lint(file);
      expect(output).toBe('');
      expect(code).toBe(0);
    });
  }

  it('docs/github-action.md has example workflows, and they are valid', () => {
    const examples = docWorkflows();
    expect(examples.length).toBeGreaterThanOrEqual(2);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pai-lint-'));
    examples.forEach((yaml, i) => {
      const file = path.join(dir, `example-${i}.yml`);
      writeFileSync(file, yaml);
      expect(lint(file)).toEqual({ code: 0, output: '' });
    });
  });

  it('a broken action is caught (the linter really checks)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pai-lint-'));
    const file = path.join(dir, 'action.yml');
    writeFileSync(file, 'name: x\ndescription: y\nruns:\n  using: composite\n  steps:\n    - run: echo missing shell\n');
    const { code, output } = lint(file);
    expect(code).not.toBe(0);
    expect(output).toContain('/runs/steps/0/shell');
  });

  it('action.yml declares every input main.ts reads', () => {
    const action = readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8');
    // The runner passes each declared input as INPUT_<NAME> (see inputs.ts).
    for (const input of ['path', 'mode', 'server', 'token', 'github-token', 'prune', 'args']) expect(action).toMatch(new RegExp(`^  ${input}:\\n`, 'm'));
  });
});
