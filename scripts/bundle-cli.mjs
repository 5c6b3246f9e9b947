// Bundles the CLI — src/cli/main.ts (compiled to dist/cli/main.js), oclif and every command — into
// dist/bundle/pai.mjs (two levels below the package root, like every dist/ module, so paths
// relative to import.meta.url still resolve). Node resolves and links each ES module separately:
// for the ~60 small modules of the compiler that alone costs ~40 ms per run, oclif's ~150
// CommonJS files as much again, and simple-git's ~30 more (undici's ~100 only for `pai catalog refresh`). Modules a command
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
  splitting: !process.env.PAI_BUNDLE_ONEFILE,
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
  plugins: [
    {
      // oclif requires these at load time for features pai does not use: semver for an engines
      // warning (npm checks engines already), cli-spinners for progress spinners, tinyglobby and
      // minimatch for command discovery by file pattern and plugin wildcards (pai's commands are
      // one explicit table, and it has no plugins). Each ~25 KB is parsed and run on every start;
      // a stand-in that fails if ever called keeps them out.
      name: 'oclif-unused',
      setup: (b) => {
        b.onResolve({ filter: /^(semver|cli-spinners|tinyglobby|minimatch)$/ }, (args) => (args.importer.includes(`${path.sep}@oclif${path.sep}core${path.sep}`) ? { path: args.path, namespace: 'oclif-unused' } : undefined));
        b.onLoad({ filter: /.*/, namespace: 'oclif-unused' }, (args) => ({
          contents: `module.exports = new Proxy({}, { get: (_, key) => key === '__esModule' ? false : () => { throw new Error(${JSON.stringify(`${args.path} is not in the pai bundle`)}); } });`,
          loader: 'js',
        }));
      },
    },
  ],
  // Bundled CommonJS (oclif, undici) calls require() for Node's built-in modules.
  banner: { js: "import{createRequire as __pai_require}from'node:module';const require=__pai_require(import.meta.url);" },
  logLevel: 'warning',
  legalComments: 'none',
  metafile: Boolean(process.env.PAI_BUNDLE_META),
});
// PAI_BUNDLE_META=1 writes what went into each output file, for finding what makes a command slow.
if (result.metafile) (await import('node:fs')).writeFileSync('dist/bundle/meta.json', JSON.stringify(result.metafile));
