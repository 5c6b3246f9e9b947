// Benchmark of `pai validate` (issues 3 and 13): a generated repository of 10,000 manifests and a
// 10-file repository (the pre-commit case), against the floor (Node starting and exiting) and
// ajv-cli validating the same files against the same schemas, in the same run. Also, in the
// 10,000-manifest repository: the same with 7,500 warnings (locating diagnostics), and one file
// named on the command line in its git checkout (what pre-commit runs: the whole repository is
// read to resolve references, one file is reported).
// Run: npm run build && node bench/validate.bench.mjs [RUNS]
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateRepo } from './gen-repo.mjs';
import { compare, table } from './lib.mjs';

const runs = Number(process.argv[2] ?? 7);
const work = path.join(tmpdir(), 'pai-bench-validate');
const big = path.join(work, 'repo-10000');
const small = path.join(work, 'repo-10');
const warned = path.join(work, 'repo-10000-warnings');
generateRepo(big, 10000);
generateRepo(small, 10);
const { files: warnedFiles } = generateRepo(warned, 10000, 1, 7500);
// A checkout: `pai validate FILE` finds the configuration at the git top level.
spawnSync('git', ['init', '-q'], { cwd: big });
const oneFile = 'team-7/m-05007.yaml';
const paiBin = path.resolve('bin/run.js');

const node = process.execPath;
const schemaArgs = ['--spec=draft2020', '-c', 'ajv-formats', '--strict=false', '-s', 'schemas/manifest.schema.json', ...['common', 'agent', 'modelprovider', 'secret', 'provider', 'guardbinding', 'accesskey'].flatMap((k) => ['-r', `schemas/${k}.schema.json`])];
const ajvCli = 'node_modules/ajv-cli/dist/index.js';

const results = {};
for (const [label, dir] of [['10 files', small], ['10,000 manifests', big]]) {
  const extra =
    label === '10 files'
      ? []
      : [
          { name: 'pai validate, 7,500 warnings', cmd: node, args: ['bin/run.js', 'validate', warned], expectStatus: 0 },
          { name: 'pai validate ONE FILE (whole repository read)', cmd: node, args: [paiBin, 'validate', oneFile], opts: { cwd: big }, expectStatus: 0 },
        ];
  const rows = compare(
    [
      { name: 'floor: node -e 0', cmd: node, args: ['-e', '0'] },
      { name: 'pai validate', cmd: node, args: ['bin/run.js', 'validate', dir], expectStatus: 0 },
      { name: 'ajv-cli validate (schemas only)', cmd: node, args: [ajvCli, 'validate', ...schemaArgs, '-d', `${dir}/**/*.yaml`], expectStatus: 0 },
      ...extra,
    ],
    label === '10 files' ? runs : Math.max(3, Math.ceil(runs / 2)),
  );
  results[label] = rows;
  console.log(`\n### pai validate: ${label}\n\n${table(rows, 'floor: node -e 0')}`);
  const pai = rows[1];
  const ajv = rows[2];
  console.log(`\npai is ${(ajv.wallMs / pai.wallMs).toFixed(1)}× faster than ajv-cli (which checks schemas only: no references, models or positions): ${(pai.wallMs / ajv.wallMs).toFixed(2)}× its time.`);
  console.log(`pai validate: ${(pai.wallMs / rows[0].wallMs).toFixed(2)}× node -e 0 (CPU time: ${(pai.cpuMs / rows[0].cpuMs).toFixed(2)}×).`);
  if (extra.length > 0) {
    console.log(`7,500 warnings (${warnedFiles} files): ${(rows[3].wallMs / pai.wallMs).toFixed(2)}× the clean run (CPU ${(rows[3].cpuMs / pai.cpuMs).toFixed(2)}×); one named file: ${(rows[4].wallMs / pai.wallMs).toFixed(2)}× the full run (CPU ${(rows[4].cpuMs / pai.cpuMs).toFixed(2)}×); ajv-cli CPU ${(pai.cpuMs / ajv.cpuMs).toFixed(2)}×.`);
  }
}
mkdirSync('bench/out', { recursive: true });
writeFileSync('bench/out/validate.json', JSON.stringify({ date: new Date().toISOString(), runs, results }, null, 2));
