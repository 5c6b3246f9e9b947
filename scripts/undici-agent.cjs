// What the bundled CLI (scripts/bundle-cli.mjs) gets for `import { Agent } from 'undici'`: the
// Agent alone, with the request API that undici's index.js attaches to every dispatcher. undici's
// index also loads fetch, WebSocket, the mocks and the caches, which the CLI never uses and which
// double the bundle (~30 ms more to load on every `pai plan`). The client needs only an Agent
// (src/cli/client/transport.ts); if undici moves these files, the bundle build fails loudly.
const Agent = require('undici/lib/dispatcher/agent');
const Dispatcher = require('undici/lib/dispatcher/dispatcher');
const api = require('undici/lib/api');

Object.assign(Dispatcher.prototype, api);
module.exports = { Agent };
