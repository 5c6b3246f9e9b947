// Benchmark of the everyday commands (issue 16): each against the floor (Node starting and
// exiting, `node -e 0`) in the same run, interleaved; the target is ≤ 2.5× the floor. `get`,
// `describe` and `delete` talk to a real local `pai server` (127.0.0.1, ephemeral port, temp data
// dir) that answers in a few milliseconds, so what is measured is the CLI's own start-up.
// Run: npm run build && node bench/cli.bench.mjs [RUNS]
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateRepo } from './gen-repo.mjs';
import { compare, startPaiServer, table } from './lib.mjs';

const TARGET = 2.5;
const runs = Number(process.argv[2] ?? 11);
const work = mkdtempSync(path.join(tmpdir(), 'pai-bench-cli-'));
const token = `pai_tok_${randomBytes(24).toString('hex')}`;
const env = { ...process.env, PAI_CONFIG: path.join(work, 'config.json'), PAI_CACHE_DIR: path.join(work, 'cache'), NO_COLOR: '1' };
const node = process.execPath;
const bin = path.resolve('bin/run.js');

const { child: server, url } = await startPaiServer({ dataDir: path.join(work, 'data'), token, env });
const pai = (...args) => {
  const r = spawnSync(node, [bin, ...args], { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pai ${args.join(' ')}: ${r.status}\n${r.stderr.slice(0, 2000)}`);
  return r;
};
pai('login', url, '--token', token);
const manifest = path.join(work, 'secret.yaml');
writeFileSync(manifest, 'apiVersion: pai.io/v1\nkind: Secret\nmetadata:\n  name: bench-key\nspec: {}\n');
pai('apply', '-f', manifest);
const repo = path.join(work, 'repo-10');
generateRepo(repo, 10);

// `delete` of a name that is not there: the same round trip as a real delete, repeatable.
const cases = [
  { name: 'floor: node -e 0', args: ['-e', '0'] },
  { name: 'pai get secrets', args: [bin, 'get', 'secrets'], expectStatus: 0 },
  { name: 'pai describe secret bench-key', args: [bin, 'describe', 'secret', 'bench-key'], expectStatus: 0 },
  { name: 'pai delete secret absent (404)', args: [bin, 'delete', 'secret', 'absent'], expectStatus: 1 },
  { name: 'pai --help', args: [bin, '--help'], expectStatus: 0 },
  { name: 'pai version', args: [bin, 'version'], expectStatus: 0 },
  { name: 'pai validate (10 files)', args: [bin, 'validate', repo], expectStatus: 0 },
].map((c) => ({ ...c, cmd: node, opts: { env } }));
const rows = compare(cases, runs);
console.log(`\n### Everyday commands (${runs} runs each, interleaved; median)\n\n${table(rows, 'floor: node -e 0')}\n`);
const floor = rows[0].wallMs;
const over = rows.slice(1).filter((r) => r.wallMs / floor > TARGET);
console.log(over.length === 0 ? `Every command is within ${TARGET}× the floor.` : `Over ${TARGET}× the floor: ${over.map((r) => `${r.name} (${(r.wallMs / floor).toFixed(2)}×)`).join(', ')}.`);
server.kill('SIGTERM');
