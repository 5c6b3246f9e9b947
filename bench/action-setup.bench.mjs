// The GitHub Action's set-up: the time from the start of its step until pai starts (issue 17:
// ≤ 5 s). Today (node20 on the committed bundle) the step is `node action/dist/main.js`, which
// parses its inputs and starts pai; it is measured from a copy of only the Action's runtime
// files (no node_modules), up to the moment the pai process begins: a preload records that
// moment in pai and exits. Before (the composite action) the step first ran `npm ci` and
// `npm run build` in the Action's checkout; that is measured once, in an export of the commit
// before action.yml became a node20 action, with this machine's npm cache warm (the best case: a
// fresh runner downloads the ~200 MB as well; actions/setup-node, which it also ran, is left out).
//
// Run: node bench/action-setup.bench.mjs [RUNS]     (RUNS of the bundle, default 5; the npm ci
//      case takes minutes). Needs action/dist/ (npm run bundle:action) and git.
import { execFileSync, execSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ACTION_RUNTIME_FILES } from '../scripts/bundle-action.mjs';
import { measure, median } from './lib.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.argv[2] ?? 5);
const work = mkdtempSync(path.join(os.tmpdir(), 'pai-action-bench-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

// The Action's files, as the runner has them after downloading the Action.
const actionDir = path.join(work, 'action');
for (const file of ACTION_RUNTIME_FILES) cpSync(path.join(ROOT, file), path.join(actionDir, file), { recursive: true });
const workspace = path.join(work, 'workspace');
cpSync(path.join(ROOT, 'fixtures/valid/docs-example'), path.join(workspace, 'config'), { recursive: true });
writeFileSync(path.join(work, 'summary.md'), '');

/** The step's environment for validate mode (no server needed), as the runner sets it. */
const env = {
  PATH: process.env.PATH,
  HOME: work,
  PAI_CONFIG: path.join(work, 'config.json'),
  INPUT_PATH: 'config',
  INPUT_MODE: 'validate',
  INPUT_SERVER: '',
  INPUT_TOKEN: '',
  'INPUT_GITHUB-TOKEN': '',
  INPUT_PRUNE: 'false',
  INPUT_ARGS: '',
  GITHUB_WORKSPACE: workspace,
  GITHUB_STEP_SUMMARY: path.join(work, 'summary.md'),
  RUNNER_TEMP: work,
};
const main = path.join(actionDir, 'action/dist/main.js');

// In the pai process (and only there), write the time it started and stop.
const preload = path.join(work, 'stop-when-pai-starts.cjs');
const stamp = path.join(work, 'pai-started');
writeFileSync(preload, `if (process.argv[1] && process.argv[1].endsWith('pai-cli.js')) { require('node:fs').writeFileSync(${JSON.stringify(stamp)}, String(Date.now())); process.exit(0); }\n`);

/** ms from starting the step until pai starts. */
function setupOnce() {
  rmSync(stamp, { force: true });
  const start = Date.now();
  const r = spawnSync(process.execPath, [main], { cwd: workspace, env: { ...env, NODE_OPTIONS: `--require ${preload}` }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`the action failed: ${r.stdout}${r.stderr}`);
  return Number(readFileSync(stamp, 'utf8')) - start;
}

const floor = [];
const setup = [];
const whole = [];
for (let i = 0; i < runs; i++) {
  floor.push(measure(process.execPath, ['-e', '0']).wallMs);
  setup.push(setupOnce());
  const r = measure(process.execPath, [main], { cwd: workspace, env });
  if (r.status !== 0) throw new Error(`the action failed: ${r.stdout}${r.stderr}`);
  whole.push(r.wallMs);
}

// Before: the last composite action, npm ci and build in its checkout.
// The parent of the commit that made action.yml a node20 action.
const switched = execSync('git log --reverse --first-parent --format=%H -S"using: node20" -- action.yml', { cwd: ROOT, encoding: 'utf8' }).split('\n')[0];
const composite = execFileSync('git', ['rev-parse', `${switched}^`], { cwd: ROOT, encoding: 'utf8' }).trim();
if (!execFileSync('git', ['show', `${composite}:action.yml`], { cwd: ROOT, encoding: 'utf8' }).includes('using: composite')) throw new Error(`${composite}: not the composite action`);
const oldDir = path.join(work, 'composite');
mkdirSync(oldDir);
execSync(`git archive ${composite} | tar -x -C ${oldDir}`, { cwd: ROOT });
const npmCi = measure('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: oldDir });
if (npmCi.status !== 0) throw new Error(`npm ci failed: ${npmCi.stdout}${npmCi.stderr}`);
const build = measure('npm', ['run', 'build', '--silent'], { cwd: oldDir });
if (build.status !== 0) throw new Error(`npm run build failed: ${build.stdout}${build.stderr}`);
const installedMb = Number(execSync('du -sm node_modules', { cwd: oldDir, encoding: 'utf8' }).split('\t')[0]);
const bundleKb = Number(execSync('du -sk action/dist', { cwd: ROOT, encoding: 'utf8' }).split('\t')[0]);

const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
console.log(`#### GitHub Action set-up, until pai starts (${runs} runs of the bundle, medians; npm ci once; load average ${os.loadavg()[0].toFixed(1)})\n`);
console.log('| step before pai starts | wall |');
console.log('|---|---:|');
console.log(`| floor: node -e 0 | ${s(median(floor))} |`);
console.log(`| **now**: node action/dist/main.js until pai starts (nothing installed; bundle ${bundleKb} KB) | **${s(median(setup))}** |`);
console.log(`| before: npm ci (warm npm cache; ${installedMb} MB of node_modules) | ${s(npmCi.wallMs)} |`);
console.log(`| before: npm run build | ${s(build.wallMs)} |`);
console.log(`| **before: npm ci + build** | **${s(npmCi.wallMs + build.wallMs)}** |`);
console.log(`\nnow: the whole validate-mode step (set-up, pai validate of the example configuration, summary): ${s(median(whole))}.`);
console.log(`set-up ${s(median(setup))} (target ≤ 5 s: ${median(setup) <= 5000 ? 'met' : 'NOT met'}), ${((npmCi.wallMs + build.wallMs) / median(setup)).toFixed(0)}× less than npm ci + build (${composite.slice(0, 7)}).`);
