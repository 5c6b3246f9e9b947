// `npm run prepare` (npm install, npm ci, npm pack): builds dist/, unless dist/ was built by this
// script from exactly the same sources. pre-commit's `language: node` install runs `npm install`
// and then `npm pack` in the same clone, and both run `prepare`: the second build, a minute of
// tsc and esbuild, would produce the same files. The stamp is a hash of every build input
// (sources, schemas, build scripts, catalogue, package and lock files, compiler settings), so
// any change rebuilds; `npm run build` always builds.
import { createHash } from 'node:crypto';
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const INPUTS = ['src', 'schemas', 'scripts', 'catalog', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'];
const STAMP = 'dist/.prepare-stamp';

/** The files under `p` (itself when a file), sorted, so the hash does not depend on listing order. */
function files(p) {
  if (!existsSync(p)) return [];
  if (!statSync(p).isDirectory()) return [p];
  return readdirSync(p)
    .sort()
    .flatMap((name) => files(path.join(p, name)));
}

const hash = createHash('sha256');
for (const file of INPUTS.flatMap(files)) hash.update(file).update('\0').update(readFileSync(file)).update('\0');
const digest = hash.digest('hex');

if (existsSync(STAMP) && readFileSync(STAMP, 'utf8') === digest) {
  console.error('dist/ is up to date with the sources (prepare-stamp); not rebuilding');
} else {
  // Build output goes to stderr: `npm pack` prints the tarball's name on stdout, which tools read.
  execSync('npm run build', { stdio: ['ignore', 2, 2] });
  writeFileSync(STAMP, digest);
}
