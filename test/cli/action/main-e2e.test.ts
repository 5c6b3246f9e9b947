/**
 * The Action as GitHub runs it: `node` on the committed bundle named by action.yml's `runs.main`,
 * in a copy of only the files a run reads (ACTION_RUNTIME_FILES: no node_modules, nothing
 * installed), with every input as INPUT_* (action.yml's defaults for those not given), GITHUB_*
 * files and an event payload, the workspace as working directory — against a real `pai server`
 * and a local imitation of GitHub's comments API.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ACTION_RUNTIME_FILES } from '../../../scripts/bundle-action.mjs';
import { REPO_ROOT, runCli, runProcess } from '../../helpers/cli.js';
import { freshDataDir } from '../../helpers/data-dir.js';
import { startServer, type RunningServer } from '../../helpers/server.js';
import { FAKE_TOKEN, startFakeGithub, type FakeGithub } from './fake-github.js';
import { actionEnv } from './harness.js';

interface ActionYml {
  inputs: Record<string, { default?: string }>;
  runs: { using: string; main: string };
}

const actionDir = mkdtempSync(path.join(os.tmpdir(), 'pai-action-copy-'));
for (const file of ACTION_RUNTIME_FILES) cpSync(path.join(REPO_ROOT, file), path.join(actionDir, file), { recursive: true });
const action = parse(readFileSync(path.join(actionDir, 'action.yml'), 'utf8')) as ActionYml;

/** A git repository holding the example configuration, as actions/checkout leaves it. */
const workspace = mkdtempSync(path.join(os.tmpdir(), 'pai-action-workspace-'));
cpSync(path.join(REPO_ROOT, 'fixtures/valid/docs-example'), path.join(workspace, 'config'), { recursive: true });
cpSync(path.join(REPO_ROOT, 'fixtures/invalid/unknown-kind'), path.join(workspace, 'broken'), { recursive: true });
const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=ci', ...args], { cwd: workspace, encoding: 'utf8' });
git('init', '-q', '-b', 'main');
git('remote', 'add', 'origin', 'https://github.com/acme/pai-config.git');
git('add', '-A');
git('commit', '-qm', 'configuration');
const headSha = git('rev-parse', 'HEAD').trim();

let server: RunningServer;
let gh: FakeGithub;
beforeAll(async () => {
  [server, gh] = await Promise.all([startServer({ dataDir: await freshDataDir() }), startFakeGithub()]);
  // Secret values never live in git: they are created out of band.
  const connection = { PAI_SERVER: server.url, PAI_TOKEN: server.token, PAI_CONFIG: path.join(workspace, '.no-config.json') };
  for (const [name, key] of [['anthropic-key', 'api-key'], ['gemini-key', 'api-key'], ['nvidia-key', 'api-key'], ['github-pat', 'token'], ['guard-token', 'token']]) {
    const r = await runCli(['create', 'secret', name!, '--from-literal', `${key}=sk-test-0123456789abcdef`], { env: connection });
    expect(r.code, r.stderr).toBe(0);
  }
});
afterAll(async () => {
  await Promise.all([server?.stop(), gh?.close()]);
});

/** Runs the Action once: the inputs given, the others at action.yml's default. */
async function runAction(inputs: Record<string, string>, event: object = { pull_request: { number: 7, head: { sha: headSha } } }) {
  const base = actionEnv({}, event);
  const env: Record<string, string | undefined> = {
    ...base,
    GITHUB_EVENT_NAME: 'pull_request' in event ? 'pull_request' : 'push',
    GITHUB_WORKSPACE: workspace,
    GITHUB_ACTION_PATH: actionDir,
    GITHUB_API_URL: gh.apiUrl,
    HOME: base.RUNNER_TEMP,
    PAI_CONFIG: path.join(base.RUNNER_TEMP as string, 'config.json'),
    PAI_SERVER: undefined,
    PAI_TOKEN: undefined,
    NODE_PATH: undefined,
    NO_COLOR: '1',
  };
  for (const [name, spec] of Object.entries(action.inputs)) {
    // The runner's naming (spaces as `_`, `-` kept); `${{ github.token }}` is the job's token.
    const value = inputs[name] ?? (spec.default === '${{ github.token }}' ? FAKE_TOKEN : (spec.default ?? ''));
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  const r = await runProcess(process.execPath, [path.join(actionDir, action.runs.main)], { cwd: workspace, env, timeoutMs: 120_000 });
  const read = (file: string | undefined) => (file && existsSync(file) ? readFileSync(file, 'utf8') : '');
  return { ...r, summary: read(env.GITHUB_STEP_SUMMARY), outputs: read(env.GITHUB_OUTPUT) };
}

describe('the bundled Action, from a copy of its files without node_modules', () => {
  it('action.yml runs the bundle on node20, and the copy holds no node_modules', () => {
    expect(action.runs).toEqual({ using: 'node20', main: 'action/dist/main.js' });
    expect(existsSync(path.join(actionDir, 'node_modules'))).toBe(false);
  });

  it("the bundled pai runs only the action's commands, and says so in one line", async () => {
    const r = await runProcess(process.execPath, [path.join(actionDir, 'action/dist/pai-cli.js'), 'server'], { cwd: workspace, env: { NODE_PATH: undefined } });
    expect(r).toEqual({ code: 1, stdout: '', stderr: 'pai: the action\'s pai runs validate, plan, apply, not "server"\n' });
  });

  it('validate: valid manifests exit 0 with a passed summary', async () => {
    const r = await runAction({ mode: 'validate', path: 'config' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^pai: .*no problems/m);
    expect(r.summary).toContain('### pai validate: passed');
  });

  it('validate: an invalid manifest is annotated on its line, exit 1', async () => {
    const r = await runAction({ mode: 'validate', path: 'broken' });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('::error file=broken/input.yaml,line=2,');
    expect(r.summary).toContain('### pai validate: failed');
  });

  it('plan without a server fails at once with a clear error, before running pai', async () => {
    const r = await runAction({ mode: 'plan', path: 'config' });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('::error title=pai::input "server" is required for mode plan: the URL of the pai control plane\n');
  });

  it('plan on a pull request: the plan in the log, the summary, the outputs and one sticky comment', async () => {
    const r = await runAction({ mode: 'plan', path: 'config', server: server.url, token: server.token });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Plan: 9 to create, 0 to update, 0 to delete/);
    expect(r.summary).toContain('### pai plan: 9 to create, 0 to update, 0 to delete');
    expect(r.outputs).toMatch(/^has-changes=true\nplan-file=.*pai-plan\.json\n$/);
    const comments = gh.comments.get(7) ?? [];
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain('### pai plan: 9 to create');
    expect(comments[0]?.body).toContain(headSha);
    expect(r.stdout.split(server.token)).toHaveLength(2); // only in ::add-mask::
  });

  it('apply on a push: applied, and a plan afterwards has no changes', async () => {
    const apply = await runAction({ mode: 'apply', path: 'config', server: server.url, token: server.token }, { after: headSha });
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(apply.stdout).toMatch(/Apply complete: 9 applied/);
    const plan = await runAction({ mode: 'plan', path: 'config', server: server.url, token: server.token });
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    expect(plan.outputs).toMatch(/^has-changes=false\n/);
  });
});
