// Bundles the CLI — src/cli/main.ts (compiled to dist/cli/main.js), oclif and every command — into
// dist/bundle/pai.mjs (two levels below the package root, like every dist/ module, so paths
// relative to import.meta.url still resolve). Node resolves and links each ES module separately:
// for the ~60 small modules of the compiler that alone costs ~40 ms per run, oclif's ~150
// CommonJS files as much again, undici's ~100 files and simple-git's ~30 more. Modules a command
// imports dynamically (the server, the store and PGlite, git, the compiler) go into chunks, each
// loaded only by the commands that use them. The yaml package stays external: it is loaded only
// when a file needs the slow path or a diagnostic needs a position.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

// Chunks are named by content hash: clear out those of earlier builds.
rmSync('dist/bundle', { recursive: true, force: true });

const result = await build({
  entryPoints: { pai: 'dist/cli/main.js' },
  outdir: 'dist/bundle',
  outExtension: { '.js': '.mjs' },
  splitting: true,
  chunkNames: 'chunk-[hash]',
  bundle: true,
  // PAI_BUNDLE_READABLE=1 keeps names, for profiling.
  minify: !process.env.PAI_BUNDLE_READABLE,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // PGlite finds its WebAssembly and data files next to its own module; the server's own dependencies
  // (fastify, pg) load as they are, from node_modules, only when a server command runs. oclif
  // requires typescript only to read tsconfig.json in development, which src/cli/main.ts turns off.
  external: ['yaml', '@electric-sql/pglite', '@electric-sql/pglite/*', 'fastify', 'pg', 'typescript'],
  // `import … from 'undici'` (the client's Agent) gets the Agent alone: see scripts/undici-agent.cjs.
  plugins: [{ name: 'undici-agent-only', setup: (b) => b.onResolve({ filter: /^undici$/ }, () => ({ path: path.resolve('scripts/undici-agent.cjs') })) }],
  // Bundled CommonJS (oclif, undici) calls require() for Node's built-in modules.
  banner: { js: "import{createRequire as __pai_require}from'node:module';const require=__pai_require(import.meta.url);" },
  logLevel: 'warning',
  legalComments: 'none',
  metafile: Boolean(process.env.PAI_BUNDLE_META),
});
// PAI_BUNDLE_META=1 writes what went into each output file, for finding what makes a command slow.
if (result.metafile) (await import('node:fs')).writeFileSync('dist/bundle/meta.json', JSON.stringify(result.metafile));
