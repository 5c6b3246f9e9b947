// Shared helpers for the benchmarks: run a command N times (interleaved with the others of the
// same comparison, so machine noise hits all of them alike) and report the median wall time, CPU
// time (user + system: on a host busier than its cores, wall time is mostly waiting for a core)
// and peak RSS, measured by GNU time around the whole process.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export function measure(cmd, args, opts = {}) {
  const res = spawnSync('/usr/bin/time', ['-f', '%e %M %U %S', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 28, ...opts });
  const last = res.stderr.trim().split('\n').pop() ?? '';
  const [wall, rssKb, user, sys] = last.split(' ').map(Number);
  return { wallMs: Math.round(wall * 1000), cpuMs: Math.round((user + sys) * 1000), rssMb: Math.round(rssKb / 1024), status: res.status, stdout: res.stdout, stderr: res.stderr };
}

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Runs each case `runs` times, round-robin, and returns median wall ms, CPU ms and peak RSS per case. */
export function compare(cases, runs) {
  const samples = new Map(cases.map((c) => [c.name, []]));
  for (let i = 0; i < runs; i++) {
    for (const c of cases) {
      const r = measure(c.cmd, c.args, c.opts);
      if (c.expectStatus !== undefined && r.status !== c.expectStatus) throw new Error(`${c.name} exited ${r.status}: ${r.stderr.slice(0, 500)}`);
      samples.get(c.name).push(r);
    }
  }
  return cases.map((c) => {
    const s = samples.get(c.name);
    return { name: c.name, wallMs: median(s.map((r) => r.wallMs)), cpuMs: median(s.map((r) => r.cpuMs)), rssMb: median(s.map((r) => r.rssMb)), runs };
  });
}

export function table(rows, baseline) {
  const base = rows.find((r) => r.name === baseline);
  const lines = ['| case | median wall | × floor | median CPU | CPU × floor | peak RSS |', '|---|---:|---:|---:|---:|---:|'];
  const ratio = (v, b) => (base ? (v / b).toFixed(2) : '—');
  for (const r of rows) lines.push(`| ${r.name} | ${r.wallMs} ms | ${ratio(r.wallMs, base?.wallMs)} | ${r.cpuMs} ms | ${ratio(r.cpuMs, base?.cpuMs)} | ${r.rssMb} MB |`);
  return lines.join('\n');
}

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Child processes the benchmarks started; killed when the benchmark exits, however it exits. */
export const children = [];
process.on('exit', () => children.forEach((c) => c.kill('SIGKILL')));

/**
 * Starts `node ARGS` (from the repository root, or `cwd`) and resolves with the child and what `ready`
 * finds in its output (e.g. the URL a server logs); its output is drained, not kept, after that.
 */
export function startChild(args, env, ready, cwd = REPO_ROOT) {
  const child = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${args.join(' ')} did not start:\n${out}`)), 60_000);
    const onData = (d) => {
      out += d.toString();
      const found = ready(out);
      if (found) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        child.stdout.resume();
        child.stderr.resume();
        resolve({ child, found });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d) => (out += d.toString()));
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code}:\n${out}`)));
  });
}

/** The URL in `pai server`'s "listening" log line, once it has been written. */
export const listeningUrl = (out) => /"msg":"listening".*?"url":"([^"]+)"/.exec(out)?.[1];

/**
 * Starts `pai server` (of the checkout at `root`) on 127.0.0.1, an ephemeral port, with
 * `token` as its bootstrap admin token; resolves the process and its URL.
 */
export async function startPaiServer({ dataDir, token, env = {}, args = [], root = REPO_ROOT }) {
  const { child, found: url } = await startChild(['bin/run.js', 'server', '--port', '0', '--data-dir', dataDir, ...args], { PAI_BOOTSTRAP_ADMIN_TOKEN: token, ...env }, listeningUrl, root);
  return { child, url };
}
