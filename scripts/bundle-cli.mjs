// Bundles the fast entry points of `pai validate` and `pai plan` (dist/cli/fast-*.js and
// everything they import) into minified files under dist/bundle/ (two levels below the package
// root, like every dist/ module, so paths relative to import.meta.url still resolve). Node
// resolves and links each ES module separately, and for the ~60 small modules of the compiler
// that alone cost ~40 ms per run — half the budget of a pre-commit hook; undici's ~100 CommonJS
// files cost as much again, and simple-git's ~30 files another 15 ms. The yaml package stays
// external: it is loaded only when a file needs the slow path or a diagnostic needs a position.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

// Chunks are named by content hash: clear out those of earlier builds.
rmSync('dist/bundle', { recursive: true, force: true });

await build({
  entryPoints: { 'pai-validate': 'dist/cli/fast-validate.js', 'pai-plan': 'dist/cli/fast-plan.js' },
  outdir: 'dist/bundle',
  outExtension: { '.js': '.mjs' },
  // Code the entry points share (the compiler) and code behind dynamic imports (git, for
  // --changed) go into chunks, each loaded only when used.
  splitting: true,
  chunkNames: 'chunk-[hash]',
  bundle: true,
  // PAI_BUNDLE_READABLE=1 keeps names, for profiling.
  minify: !process.env.PAI_BUNDLE_READABLE,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['yaml'],
  // `import … from 'undici'` (the client's Agent) gets the Agent alone: see scripts/undici-agent.cjs.
  plugins: [{ name: 'undici-agent-only', setup: (b) => b.onResolve({ filter: /^undici$/ }, () => ({ path: path.resolve('scripts/undici-agent.cjs') })) }],
  // Bundled CommonJS (undici) calls require() for Node's built-in modules.
  banner: { js: "import{createRequire as __pai_require}from'node:module';const require=__pai_require(import.meta.url);" },
  logLevel: 'warning',
  legalComments: 'none',
});
