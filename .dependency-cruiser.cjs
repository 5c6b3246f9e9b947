// The import boundaries of issue 15 (README "Layout"), checked by `npm run check:boundaries` in
// `npm test`. One direction: cli → compiler → api and server → compiler → api; lib/ is a leaf
// everyone may use. The gateway is a part of the server that uses the server's shared HTTP
// helpers (server/http/*.ts) but never its route modules.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'lib-is-a-leaf',
      comment: 'src/lib holds generic helpers (retry, atomic write, network errors); it knows nothing of pai.',
      severity: 'error',
      from: { path: '^src/lib/' },
      to: { path: '^src/', pathNot: '^src/lib/' },
    },
    {
      name: 'api-is-the-wire-model',
      comment: 'src/api is the wire model (kinds, annotations, error body, JSON pointer): it imports only itself and lib.',
      severity: 'error',
      from: { path: '^src/api/' },
      to: { path: '^src/', pathNot: '^src/(api|lib)/' },
    },
    {
      name: 'compiler-below-cli-and-server',
      comment: 'The compiler is shared by the CLI and the server; it never reaches up into either.',
      severity: 'error',
      from: { path: '^src/compiler/' },
      to: { path: '^src/(cli|server)/|^src/index\\.ts$' },
    },
    {
      name: 'server-never-imports-cli',
      severity: 'error',
      from: { path: '^src/server/' },
      to: { path: '^src/cli/|^src/index\\.ts$' },
    },
    {
      name: 'cli-talks-to-the-server-over-http',
      comment: 'The CLI reaches the server through its HTTP API. Only the `pai server …` commands (src/cli/commands/server*), which start it or maintain its store, import it.',
      severity: 'error',
      from: { path: '^src/cli/', pathNot: '^src/cli/commands/server(\\.ts$|/)' },
      to: { path: '^src/server/' },
    },
    {
      name: 'gateway-uses-no-route-modules',
      comment: 'The gateway shares the HTTP helpers of server/http (auth, errors, body limits), not its routes or app.',
      severity: 'error',
      from: { path: '^src/server/gateway/' },
      to: { path: '^src/server/http/(routes|openapi)/|^src/server/http/(app|control-plane)\\.ts$' },
    },
    {
      name: 'no-cycles-between-areas',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true, viaOnly: { path: '^src/' } },
    },
    {
      name: 'undici-public-api-only',
      comment: 'Deep imports into undici internals break on a minor release; use its exports.',
      severity: 'error',
      from: {},
      to: { path: 'node_modules/undici/lib/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: '\\.generated\\.' },
  },
};
