#!/usr/bin/env node
// Every command runs from one bundled file (scripts/bundle-cli.mjs): oclif, the command table and
// what the cheap commands need, with heavy modules in chunks loaded on demand.
const { main } = await import('../dist/bundle/pai.mjs');
await main(process.argv.slice(2));
