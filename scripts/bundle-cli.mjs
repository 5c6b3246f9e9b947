// Bundles the CLI — src/cli/main.ts (compiled to dist/cli/main.js), oclif and every command — into
// dist/bundle/pai.mjs (two levels below the package root, like every dist/ module, so paths
// relative to import.meta.url still resolve). Node resolves and links each ES module separately:
// for the ~60 small modules of the compiler that alone costs ~40 ms per run, oclif's ~150
// CommonJS files as much again, and simple-git's ~30 more (undici's ~100 only for `pai catalog refresh`). Modules a command
// imports dynamically (the server, the store and PGlite, git, the compiler) go into chunks, each
// loaded only by the commands that use them. The yaml package stays external: it is loaded only
// when a file needs the slow path or a diagnostic needs a position.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
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
      // one explicit table, and it has no plugins), lilconfig to read a plugin's package.json
      // (src/cli/main.ts hands oclif pai's, and user plugins are off). Each ~25 KB is parsed and run on every start;
      // a stand-in that fails if ever called keeps them out.
      name: 'oclif-unused',
      setup: (b) => {
        b.onResolve({ filter: /^(semver|cli-spinners|tinyglobby|minimatch|lilconfig)$/ }, (args) => (args.importer.includes(`${path.sep}@oclif${path.sep}core${path.sep}`) ? { path: args.path, namespace: 'oclif-unused' } : undefined));
        b.onLoad({ filter: /.*/, namespace: 'oclif-unused' }, (args) => ({
          contents: `module.exports = new Proxy({}, { get: (_, key) => key === '__esModule' ? false : () => { throw new Error(${JSON.stringify(`${args.path} is not in the pai bundle`)}); } });`,
          loader: 'js',
        }));
      },
    },
    {
      // Lines of oclif that cost every start more than the rest of its set-up: sorting the
      // commands with localeCompare initialises ICU's collator (~10 ms; ids are lower-case ASCII,
      // '-' and ':', which sort alike by code unit), and the platform check imports wsl-utils, a
      // chunk of its own read and linked while Config.load waits, with child_process and PowerShell
      // helpers that only Windows needs: it needs is-wsl alone (wsl-utils and child_process stay
      // for finding the Windows shell, loaded then). A changed oclif fails here.
      name: 'oclif-start-up',
      setup: (b) => {
        const patches = {
          [path.join('config', 'plugin.js')]: [['.sort((a, b) => a.id.localeCompare(b.id));', '.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));']],
          [path.join('util', 'os.js')]: [
            ["(await import('wsl-utils')).isWsl", "require('is-wsl').default"],
            ['const node_child_process_1 = require("node:child_process");', ''],
            ['(0, node_child_process_1.execSync)', '(0, require("node:child_process").execSync)'],
          ],
          // perf_hooks only for OCLIF_PERFORMANCE timings, which pai does not turn on.
          ['performance.js']: [['const node_perf_hooks_1 = require("node:perf_hooks");', 'const node_perf_hooks_1 = { get performance() { return require("node:perf_hooks").performance; }, get PerformanceObserver() { return require("node:perf_hooks").PerformanceObserver; } };']],
        };
        b.onLoad({ filter: /[\\/]@oclif[\\/]core[\\/]lib[\\/](config[\\/]plugin|util[\\/]os|performance)\.js$/ }, (args) => {
          let contents = readFileSync(args.path, 'utf8');
          for (const [from, to] of Object.entries(patches).find(([file]) => args.path.endsWith(file))[1]) {
            if (!contents.includes(from)) throw new Error(`${args.path} no longer contains ${from}: review scripts/bundle-cli.mjs`);
            contents = contents.replace(from, to);
          }
          return { contents, loader: 'js' };
        });
      },
    },
    {
      // The precompiled schema validators require two small ajv runtime files through their own
      // createRequire (scripts/gen-validators.mjs says why), which esbuild cannot follow: at run time
      // Node would resolve and load them from node_modules, ~2 ms of every validate. With the
      // module's require left to esbuild, they are bundled, with the same CommonJS semantics.
      name: 'validators-bundle-ajv-runtime',
      setup: (b) => {
        const OWN_REQUIRE = "import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);\n";
        b.onLoad({ filter: /[\\/]validators\.generated\.js$/ }, (args) => {
          const contents = readFileSync(args.path, 'utf8');
          if (!contents.includes(OWN_REQUIRE)) throw new Error(`${args.path} no longer makes its require with createRequire: review scripts/bundle-cli.mjs`);
          return { contents: contents.replace(OWN_REQUIRE, ''), loader: 'js' };
        });
      },
    },
  ],
  // Bundled CommonJS (oclif, and undici for `pai catalog refresh`) calls require() for Node's built-in modules.
  banner: { js: "import{createRequire as __pai_require}from'node:module';const require=__pai_require(import.meta.url);" },
  logLevel: 'warning',
  legalComments: 'none',
  metafile: Boolean(process.env.PAI_BUNDLE_META),
});
// PAI_BUNDLE_META=1 writes what went into each output file, for finding what makes a command slow.
if (result.metafile) (await import('node:fs')).writeFileSync('dist/bundle/meta.json', JSON.stringify(result.metafile));

// Node's built-in modules are loaded by require(), not imported: an ES `import … from 'node:fs'`
// makes Node build a module facade of the built-in, reading every export, and that runs lazy
// getters nothing here uses (fs.ReadStream loads the fs streams, crypto.webcrypto all of WebCrypto,
// process.stdin opens stdin): ~5 ms a start. esbuild keeps an external import as an import
// statement, so its output is rewritten: `import a,{b as c}from"node:x";` becomes
// `const a=require("node:x"),{b:c}=a;` (require is the banner's). Unlike an import, a const is not
// hoisted: that holds because each rewritten import stays ahead of the code of its module, and a
// chunk is evaluated before any chunk that imports it, which the cycle check below makes sure of.
const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const BUILTIN_IMPORT = /(?<=^|[;}\n])import\s*([\w$]+)?\s*,?\s*(?:\{([^}]*)\})?\s*from\s*"([^"]+)";/g;
const chunkImports = new Map();
let unnamed = 0;
for (const file of readdirSync('dist/bundle').filter((f) => f.endsWith('.mjs'))) {
  const p = path.join('dist/bundle', file);
  const code = readFileSync(p, 'utf8').replace(BUILTIN_IMPORT, (statement, defaultName, named, specifier) => {
    if (!BUILTINS.has(specifier)) return statement;
    const mod = defaultName ?? `__pai_builtin${unnamed++}`;
    const fields = (named ?? '').split(',').map((s) => s.trim()).filter(Boolean).map((s) => {
      const [from, to = from] = s.split(/\s+as\s+/);
      if (from === 'default') throw new Error(`${p}: import { default } from "${specifier}"`);
      return from === to ? from : `${from}:${to}`;
    });
    return `const ${mod}=require(${JSON.stringify(specifier)})${fields.length > 0 ? `,{${fields.join(',')}}=${mod}` : ''};`;
  });
  writeFileSync(p, code);
  chunkImports.set(file, [...code.matchAll(/(?:from|import)\s*"\.\/([^"]+\.mjs)"/g)].map((m) => m[1]));
}
const onPath = new Set();
const done = new Set();
const visit = (file) => {
  if (done.has(file)) return;
  if (onPath.has(file)) throw new Error(`dist/bundle: chunks import each other in a cycle through ${file}; the built-in rewrite above needs an acyclic chunk graph`);
  onPath.add(file);
  for (const dep of chunkImports.get(file) ?? []) visit(dep);
  onPath.delete(file);
  done.add(file);
};
for (const file of chunkImports.keys()) visit(file);
