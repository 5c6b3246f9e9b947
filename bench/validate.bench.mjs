// Benchmark of `pai validate` (issue 3): a generated repository of 10,000 manifests and a
// 10-file repository (the pre-commit case), against the floor (Node starting and exiting) and
// ajv-cli validating the same files against the same schemas, in the same run.
// Run: npm run build && node bench/validate.bench.mjs [RUNS]
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateRepo } from './gen-repo.mjs';
import { compare, table } from './lib.mjs';

const runs = Number(process.argv[2] ?? 7);
const work = path.join(tmpdir(), 'pai-bench-validate');
const big = path.join(work, 'repo-10000');
const small = path.join(work, 'repo-10');
generateRepo(big, 10000);
generateRepo(small, 10);

const node = process.execPath;
const schemaArgs = ['--spec=draft2020', '-c', 'ajv-formats', '--strict=false', '-s', 'schemas/manifest.schema.json', ...['common', 'agent', 'modelprovider', 'secret', 'provider', 'guardbinding', 'accesskey'].flatMap((k) => ['-r', `schemas/${k}.schema.json`])];
const ajvCli = 'node_modules/ajv-cli/dist/index.js';

const results = {};
for (const [label, dir] of [['10 files', small], ['10,000 manifests', big]]) {
  const rows = compare(
    [
      { name: 'floor: node -e 0', cmd: node, args: ['-e', '0'] },
      { name: 'pai validate', cmd: node, args: ['bin/run.js', 'validate', dir], expectStatus: 0 },
      { name: 'ajv-cli validate (schemas only)', cmd: node, args: [ajvCli, 'validate', ...schemaArgs, '-d', `${dir}/**/*.yaml`], expectStatus: 0 },
    ],
    label === '10 files' ? runs : Math.max(3, Math.ceil(runs / 2)),
  );
  results[label] = rows;
  console.log(`\n### pai validate: ${label}\n\n${table(rows, 'floor: node -e 0')}`);
  const pai = rows[1];
  const ajv = rows[2];
  console.log(`\npai is ${(ajv.wallMs / pai.wallMs).toFixed(1)}× faster than ajv-cli (which checks schemas only: no references, models or positions).`);
}
mkdirSync('bench/out', { recursive: true });
writeFileSync('bench/out/validate.json', JSON.stringify({ date: new Date().toISOString(), runs, results }, null, 2));
