/**
 * The action's three modes, run with a fake `pai` (canned output per subcommand) and a local
 * imitation of GitHub's comments API: which pai commands run with which flags, what reaches the
 * log, the job summary, the step outputs and the pull request, and the exit code.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PaiResult } from '../../../src/cli/action/pai-process.js';
import { PLAN_COMMENT_MARKER, renderPlan } from '../../../src/cli/render/plan/index.js';
import { bigPlan, loadPlan, planInput } from '../render/plan/fixture.js';
import { FAKE_TOKEN, startFakeGithub, type FakeGithub } from './fake-github.js';
import { actionEnv, PAI_TOKEN, runActionWith } from './harness.js';

let gh: FakeGithub;
beforeEach(async () => (gh = await startFakeGithub()));
afterEach(() => gh.close());

const planJson = (name: string) => renderPlan('json', planInput(loadPlan(name), { toolVersion: '0.1.0' }));
/** A pai that prints the given plan. */
const paiWith = (plan: Partial<PaiResult>) => (args: string[]) => (args[0] === 'plan' ? plan : { code: 99 });
const onPr = (extra: Record<string, string> = {}) => actionEnv({ GITHUB_API_URL: gh.apiUrl, 'INPUT_GITHUB-TOKEN': FAKE_TOKEN, ...extra });

describe('action, mode plan', () => {
  it('plans as JSON into RUNNER_TEMP, with annotations from the plan, and passes the connection in the environment only', async () => {
    const env = onPr({ INPUT_PRUNE: 'true', INPUT_ARGS: '--changed --base origin/main' });
    const run = await runActionWith(env, paiWith({ stdout: planJson('updates') }));
    expect(run.code).toBe(0);
    expect(run.calls.map((c) => c.args)).toEqual([
      ['plan', 'config', '--format', 'json', '--diagnostics-format', 'github', '--out', path.join(env.RUNNER_TEMP as string, 'pai-plan.json'), '--prune', '--changed', '--base', 'origin/main'],
    ]);
    expect(run.calls[0]?.connection).toEqual({ server: 'http://127.0.0.1:9', token: PAI_TOKEN, cwd: env.GITHUB_WORKSPACE });
    expect(run.calls.flatMap((c) => c.args).join(' ')).not.toContain(PAI_TOKEN);
  });

  it('prints the text plan in the log, the markdown in the summary, and sets the outputs', async () => {
    const env = onPr();
    const run = await runActionWith(env, paiWith({ stdout: planJson('updates') }));
    expect(run.log.replace(/\x1b\[\d+m/g, '')).toContain(renderPlan('text', planInput(loadPlan('updates'), { toolVersion: '0.1.0' })));
    expect(run.summary).toContain(renderPlan('markdown', planInput(loadPlan('updates'), { toolVersion: '0.1.0' })));
    expect(run.outputs).toBe(`has-changes=true\nplan-file=${path.join(env.RUNNER_TEMP as string, 'pai-plan.json')}\n`);
  });

  it('masks the tokens first, and the token appears nowhere else in the log', async () => {
    const run = await runActionWith(onPr(), paiWith({ stdout: planJson('updates') }));
    expect(run.log.startsWith(`::add-mask::${PAI_TOKEN}\n::add-mask::${FAKE_TOKEN}\n`)).toBe(true);
    expect(run.log.split(PAI_TOKEN)).toHaveLength(2);
  });

  it('posts one sticky comment on the pull request, and updates it on the next push', async () => {
    await runActionWith(onPr(), paiWith({ stdout: planJson('creates-only') }));
    const second = await runActionWith(onPr(), paiWith({ stdout: planJson('updates') }));
    const comments = gh.comments.get(7) ?? [];
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body.replace(/\n<!-- pai-plan-run [^\n]* -->/, '')).toBe(renderPlan('markdown', planInput(loadPlan('updates'), { toolVersion: '0.1.0' })));
    expect(second.log).toContain('pai: plan comment updated: https://github.com/acme/pai-config/pull/1#issuecomment-');
  });

  it('a plan too long for a comment is cut there and points to the job summary of the run, which has it all', async () => {
    const big = renderPlan('json', planInput(bigPlan(2000)));
    const run = await runActionWith(onPr(), paiWith({ stdout: big }));
    expect(run.code).toBe(0);
    const body = gh.comments.get(7)?.[0]?.body ?? '';
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body).toContain('The whole plan is in [the job summary of this run](https://github.com/acme/pai-config/actions/runs/42).');
    expect(run.summary).not.toContain('not shown');
    expect(run.summary).toContain('agent-01999');
  });

  it('on a push (no pull request) nothing is posted', async () => {
    const run = await runActionWith(onPr({ GITHUB_EVENT_NAME: 'push' }), paiWith({ stdout: planJson('no-changes') }));
    expect(run.code).toBe(0);
    expect(gh.requests).toEqual([]);
    expect(run.outputs).toContain('has-changes=false\n');
  });

  it('without a github token the comment is skipped with a warning, and the plan still succeeds', async () => {
    const run = await runActionWith(actionEnv({ GITHUB_API_URL: gh.apiUrl }), paiWith({ stdout: planJson('updates') }));
    expect(run.code).toBe(0);
    expect(run.log).toContain('::warning title=pai::no github-token');
    expect(gh.requests).toEqual([]);
  });

  it('a token without permission to comment (403) is a warning, not a failure', async () => {
    gh.failWith = 403;
    const run = await runActionWith(onPr(), paiWith({ stdout: planJson('updates') }));
    expect(run.code).toBe(0);
    expect(run.log).toMatch(/::warning title=pai::GitHub answered 403 when listing the pull request comments/);
  });

  it('another GitHub failure fails the step', async () => {
    gh.failWith = 500;
    const run = await runActionWith(onPr(), paiWith({ stdout: planJson('updates') }));
    expect(run.code).toBe(1);
    expect(run.log).toContain('::error title=pai::could not post the plan comment: GitHub answered 500');
  });

  it('problems in the manifests are annotated from the plan, fail the step with pai\'s code, and replace the comment', async () => {
    await runActionWith(onPr(), paiWith({ stdout: planJson('updates') }));
    const annotation = '::error file=config/a.yaml,line=3,title=pai unresolved-secret::Secret "nvidia-key" is not declared in namespace "default" nor present in the control plane';
    const invalid = { code: 1, stderr: `${annotation}\npai: 1 error in 4 files (9 resources)\nError: the manifests have errors; no plan was made\n` };
    const run = await runActionWith(onPr(), (args) => (args[0] === 'plan' ? invalid : { code: 99 }));
    expect(run.code).toBe(1);
    expect(run.calls.map((c) => c.args[0])).toEqual(['plan']);
    expect(run.log).toContain(`${annotation}\n`);
    expect(run.log).toContain('::error title=pai::the manifests have problems (1 error in 4 files (9 resources)); no plan was made');
    const comments = gh.comments.get(7) ?? [];
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toMatch(new RegExp(`^${PLAN_COMMENT_MARKER}\n<!-- pai-plan-run .* -->\n### pai plan: failed\n`));
  });

  it('a failed plan quotes pai\'s error (secrets redacted) in the comment and the summary, and fails the step', async () => {
    const stderr = `Error: the control plane at http://127.0.0.1:9 is not reachable (token ${PAI_TOKEN})\n`;
    const run = await runActionWith(onPr(), paiWith({ code: 1, stderr }));
    expect(run.code).toBe(1);
    expect(run.log).toContain('::error title=pai::pai plan failed with exit code 1');
    const body = gh.comments.get(7)?.[0]?.body ?? '';
    expect(body).toContain('the control plane at http://127.0.0.1:9 is not reachable (token ***)');
    expect(body).toContain('[the log of this run](https://github.com/acme/pai-config/actions/runs/42)');
    expect(run.summary).toContain('### pai plan: failed');
    expect(body + run.summary).not.toContain(PAI_TOKEN);
  });

  it('output that is not a JSON plan fails the step instead of posting garbage', async () => {
    const run = await runActionWith(onPr(), paiWith({ stdout: 'Plan: 1 to create\n' }));
    expect(run.code).toBe(1);
    expect(run.log).toContain('::error title=pai::pai plan did not print a JSON plan');
  });

  it('exit code 2 (changes, with --detailed-exitcode in args) is success', async () => {
    const run = await runActionWith(onPr({ INPUT_ARGS: '--detailed-exitcode' }), paiWith({ code: 2, stdout: planJson('updates') }));
    expect(run.code).toBe(0);
  });
});

describe('action, modes validate and apply', () => {
  it('validate streams pai validate --format github and exits with its code', async () => {
    const run = await runActionWith(actionEnv({ INPUT_MODE: 'validate', INPUT_SERVER: '', INPUT_TOKEN: '', INPUT_ARGS: '--strict' }), () => ({ code: 1, stdout: 'pai: 1 error in 2 files (3 resources)\n' }));
    expect(run.code).toBe(1);
    expect(run.calls).toEqual([{ args: ['validate', '--format', 'github', 'config', '--strict'], stream: true, connection: { cwd: expect.any(String) } }]);
    expect(run.summary).toContain('### pai validate: failed\n\n1 error in 2 files (3 resources)');
  });

  const event = (e: Record<string, unknown>) => JSON.stringify({ formatVersion: 1, ...e }) + '\n';
  const agent = (name: string) => ({ kind: 'Agent', namespace: 'default', name });

  it('apply runs pai apply --auto-approve --format json with --prune, prints the events as text, and quotes them in the summary', async () => {
    const output = event({ type: 'apply-started', total: 2 }) + event({ type: 'resource-applied', key: agent('triage'), action: 'create', durationMs: 3 }) + event({ type: 'resource-applied', key: agent('legacy'), action: 'delete', durationMs: 2 }) + event({ type: 'apply-finished', applied: 2, failed: 0, skipped: 0, durationMs: 9 });
    const run = await runActionWith(actionEnv({ INPUT_MODE: 'apply', INPUT_PRUNE: 'true', GITHUB_EVENT_NAME: 'push' }), () => ({ code: 0, stdout: output }));
    expect(run.code).toBe(0);
    expect(run.calls.map((c) => [c.args, c.stream])).toEqual([[['apply', 'config', '--auto-approve', '--format', 'json', '--diagnostics-format', 'github', '--prune'], false]]);
    expect(run.log).toContain('agent/default/triage created (3 ms)\nagent/default/legacy deleted (2 ms)\n');
    expect(run.summary).toContain('### pai apply: done\n\n```text\nApplying 2 changes…\nagent/default/triage created');
  });

  it('a resource that fails to apply is annotated at the file and line that declare it', async () => {
    const failed = event({ type: 'resource-failed', key: agent('ghost'), action: 'create', message: 'the server refused it: unknown-model-provider', conflict: false, source: { file: 'config/agents.yaml', line: 12 } });
    const run = await runActionWith(actionEnv({ INPUT_MODE: 'apply', GITHUB_EVENT_NAME: 'push' }), () => ({ code: 1, stdout: failed + event({ type: 'apply-finished', applied: 0, failed: 1, skipped: 0, durationMs: 4 }) }));
    expect(run.code).toBe(1);
    expect(run.log).toContain('::error file=config/agents.yaml,line=12,title=pai apply::Agent default/ghost could not be created: the server refused it: unknown-model-provider\n');
  });

  it('a failed apply fails the step with pai\'s code and says that running it again converges', async () => {
    const run = await runActionWith(actionEnv({ INPUT_MODE: 'apply' }), () => ({ code: 1, stdout: '```\nweird output\n', stderr: 'Error: 409 conflict on Agent default/x\n' }));
    expect(run.code).toBe(1);
    expect(run.summary).toContain('### pai apply: failed (exit code 1)\n\n````text\n```\nweird output');
    expect(run.log).toContain('Running apply again converges.');
  });

  it('bad inputs fail the step with one error line', async () => {
    const run = await runActionWith(actionEnv({ INPUT_MODE: 'yolo' }), () => ({}));
    expect(run.code).toBe(1);
    expect(run.calls).toEqual([]);
    expect(run.log).toBe('::error title=pai::input "mode" is "yolo"; use one of: validate, plan, apply\n');
  });
});

describe('job summary size', () => {
  it('the summary markdown is cut to a UTF-8 byte budget, at a resource boundary', async () => {
    const { summaryMarkdown } = await import('../../../src/cli/action/plan-mode.js');
    const md = summaryMarkdown(bigPlan(2000), '0.1.0', 50_000);
    expect(Buffer.byteLength(md, 'utf8')).toBeLessThanOrEqual(50_000);
    expect(Buffer.byteLength(md, 'utf8')).toBeGreaterThan(40_000);
    expect(md).toContain('more resources not shown. The whole plan is in the log of this step (as text).');
  });
});
