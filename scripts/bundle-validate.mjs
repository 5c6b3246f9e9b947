// Bundles `pai validate`'s fast entry point (dist/cli/fast-validate.js and everything it imports)
// into one minified file, dist/bundle/pai-validate.mjs (two levels below the package root, like every dist/ module, so paths relative to import.meta.url still resolve). Node resolves and links each ES module
// separately, and for the ~60 small modules of the compiler that alone cost ~40 ms per run —
// half the budget of a pre-commit hook. The yaml package stays external: it is loaded only when
// a file needs the slow path or a diagnostic needs a position.
import { build } from 'esbuild';

await build({
  entryPoints: { 'pai-validate': 'dist/cli/fast-validate.js' },
  outdir: 'dist/bundle',
  outExtension: { '.js': '.mjs' },
  // Code behind dynamic imports (git, for --changed) goes into chunks loaded only when used.
  splitting: true,
  chunkNames: 'chunk-[hash]',
  bundle: true,
  minify: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['yaml', 'simple-git'],
  logLevel: 'warning',
  legalComments: 'none',
});
