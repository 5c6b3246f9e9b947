// Benchmark of `pai plan` and `pai apply` (issue 5) against a real local `pai server`:
// plan of 10,000 manifests where nothing changed, and with 1% changed; apply of 1,000 creates.
// Floors in the same run: Node starting, and `pai validate` of the same directory (the compile
// alone, no server). Run: npm run build && node bench/plan.bench.mjs [RUNS]
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateRepo } from './gen-repo.mjs';
import { compare, measure, median, startPaiServer, table } from './lib.mjs';

const runs = Number(process.argv[2] ?? 5);
const work = mkdtempSync(path.join(tmpdir(), 'pai-bench-plan-'));
const token = `pai_tok_${randomBytes(24).toString('hex')}`;
const env = { ...process.env, PAI_CONFIG: path.join(work, 'config.json'), PAI_CACHE_DIR: path.join(work, 'cache'), NO_COLOR: '1' };
const node = process.execPath;
const bin = path.resolve('bin/run.js');

const { child: server, url } = await startPaiServer({ dataDir: path.join(work, 'data'), token, env });
const pai = (...args) => {
  const r = spawnSync(node, [bin, ...args], { env, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0 && r.status !== 2) throw new Error(`pai ${args.join(' ')}: ${r.status}\n${r.stderr.slice(0, 2000)}`);
  return r;
};
try {
  pai('login', url, '--token', token);
  const repo = path.join(work, 'repo-10000');
  generateRepo(repo, 10000);
  // A git checkout, as in a pull-request check: plan reads HEAD and the origin remote too.
  const git = (...a) => spawnSync('git', ['-c', 'user.email=bench@pai.invalid', '-c', 'user.name=bench', ...a], { cwd: repo, stdio: 'ignore' });
  git('init', '-q');
  git('remote', 'add', 'origin', 'https://github.com/acme/agents-config.git');
  git('add', '-A');
  git('commit', '-qm', 'seed');
  const t0 = Date.now();
  pai('apply', repo, '--auto-approve');
  console.log(`(seeded 10,000 resources with pai apply in ${Date.now() - t0} ms)`);

  const noChange = compare(
    [
      { name: 'floor: node -e 0', cmd: node, args: ['-e', '0'] },
      { name: 'floor: pai validate (compile only)', cmd: node, args: [bin, 'validate', repo], opts: { env }, expectStatus: 0 },
      { name: 'pai plan, nothing changed', cmd: node, args: [bin, 'plan', repo, '--detailed-exitcode'], opts: { env }, expectStatus: 0 },
    ],
    runs,
  );
  // Change 1% of the manifests (100 Agents' daily token budget).
  const files = readdirSync(repo, { recursive: true }).filter((f) => f.endsWith('.yaml')).sort();
  let changed = 0;
  for (const f of files) {
    if (changed >= 100) break;
    const p = path.join(repo, f);
    const text = readFileSync(p, 'utf8');
    if (!text.includes('kind: Agent')) continue;
    writeFileSync(p, text.replace('maxPerDay: 1000000', 'maxPerDay: 2000000'));
    changed++;
  }
  const onePercent = compare([{ name: 'pai plan, 1% changed (100 updates)', cmd: node, args: [bin, 'plan', repo, '--detailed-exitcode'], opts: { env }, expectStatus: 2 }], runs);
  console.log(`\n### pai plan: 10,000 manifests (a git checkout) against a local server\n\n${table([...noChange, ...onePercent], 'floor: node -e 0')}`);

  // Apply of 1,000 creates, each run into a fresh namespace.
  const applyTimes = [];
  for (let i = 0; i < Math.max(3, Math.ceil(runs / 2)); i++) {
    const dir = path.join(work, `apply-${i}`);
    mkdirSync(dir, { recursive: true });
    const docs = [];
    for (let j = 0; j < 1000; j++) docs.push(`apiVersion: pai.io/v1\nkind: GuardBinding\nmetadata:\n  name: guard-${j}\n  namespace: bench-${i}\nspec:\n  classifier: {endpoint: "https://guard.example.com/${j}"}\n`);
    writeFileSync(path.join(dir, 'guards.yaml'), docs.join('---\n'));
    const r = measure(node, [bin, 'apply', dir, '--auto-approve', '--allow-dirty', '--format', 'json'], { env });
    if (r.status !== 0) throw new Error(`apply failed: ${r.stderr.slice(0, 1000)}`);
    applyTimes.push(r);
  }
  const applyMs = median(applyTimes.map((r) => r.wallMs));
  console.log(`\n### pai apply: 1,000 creates\n\n| case | median wall | creates/s | peak RSS |\n|---|---:|---:|---:|\n| pai apply, 1,000 creates | ${applyMs} ms | ${Math.round(1000 / (applyMs / 1000))} | ${median(applyTimes.map((r) => r.rssMb))} MB |`);
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => server.on('exit', r));
  rmSync(work, { recursive: true, force: true });
}
