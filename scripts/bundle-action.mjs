// Bundles the GitHub Action (`npm run bundle:action`): src/cli/action/main.ts, what action.yml runs,
// and src/cli/action/pai-cli.ts, the pai CLI it starts, each into one file under action/dist/ with
// every dependency inlined, so that a workflow runs the Action without `npm ci` (issue 17). The
// files are committed; test/cli/action/bundle.test.ts rebuilds them and fails when they are stale.
//
// action/dist/ is two levels below the repository root, like dist/cli/, so the paths the code
// resolves from import.meta.url (package.json, catalog/) land at the root of the Action's checkout.
// The output must be the same bytes on every machine: no timestamps, no absolute paths (esbuild
// names sources relative to absWorkingDir), no content hashes that depend on the checkout.
//
// Usage: node scripts/bundle-action.mjs [OUTDIR]   (default action/dist)
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/**
 * What a run of the Action reads from its checkout, found by tracing the bundle's file accesses:
 * action.yml (the runner), the bundle, package.json (pai's version, oclif's settings), the JSON
 * Schemas (defaults and did-you-mean of plan and apply) and the model catalogue. No node_modules: test/cli/action/main-e2e.test.ts runs a copy of only these.
 */
export const ACTION_RUNTIME_FILES = ['action.yml', 'action/dist', 'package.json', 'schemas', 'catalog'];

/** Entry name → source; the CLI entry is the one to re-point when the CLI has its own bundle. */
export const ACTION_ENTRIES = { main: 'src/cli/action/main.ts', 'pai-cli': 'src/cli/action/pai-cli.ts' };

/** Builds the Action's bundle into outdir (absolute, or relative to the repository root). */
export async function bundleAction(outdir = 'action/dist') {
  await build({
    absWorkingDir: ROOT,
    entryPoints: ACTION_ENTRIES,
    outdir: path.resolve(ROOT, outdir),
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // oclif requires typescript (3.5 MB) only to run commands from .ts sources in development,
    // and falls back to compiled code when it is missing, as it is in the Action.
    external: ['typescript'],
    // Bundled CommonJS (oclif, undici) calls require() for Node's built-in modules.
    banner: { js: "import{createRequire as __pai_require}from'node:module';const require=__pai_require(import.meta.url);" },
    // The licences of the inlined packages, at the end of each file.
    legalComments: 'eof',
    logLevel: 'error',
    plugins: [inlineValidatorRuntime],
  });
}

/**
 * The generated validators (scripts/gen-validators.mjs) load ajv's runtime helpers with a
 * require() made by createRequire, which esbuild cannot follow: it would leave them to be found in
 * node_modules at run time. Without that local require, the calls are plain require() calls that
 * esbuild inlines. If the generator changes, the build fails here rather than bundle a file that
 * needs node_modules.
 */
const inlineValidatorRuntime = {
  name: 'inline-validator-runtime',
  setup(b) {
    const localRequire = "import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);\n";
    b.onLoad({ filter: /validators\.generated\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes(localRequire)) throw new Error(`${args.path} no longer makes its require() with createRequire: update scripts/bundle-action.mjs`);
      return { contents: source.replace(localRequire, ''), loader: 'js' };
    });
  },
};

if (process.argv[1] === fileURLToPath(import.meta.url)) await bundleAction(process.argv[2]);
