// Runs every benchmark in turn and prints their markdown tables (the figures in BENCHMARKS.md).
// Run: npm run bench            (builds first; takes several minutes)
//      node bench/run.mjs validate plan   (only those)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const all = ['cli', 'validate', 'fast-yaml', 'server', 'plan', 'store', 'gateway', 'gateway-replicas', 'usage', 'action-setup'];
const chosen = process.argv.slice(2).length > 0 ? process.argv.slice(2) : all;
let failed = false;
for (const name of chosen) {
  const file = `bench/${name}.bench.mjs`;
  if (!existsSync(file)) continue;
  console.log(`\n## ${name}  (node ${file})\n`);
  const res = spawnSync(process.execPath, [file], { stdio: 'inherit' });
  if (res.status !== 0) {
    failed = true;
    console.log(`(${file} exited with ${res.status})`);
  }
}
process.exitCode = failed ? 1 : 0;
