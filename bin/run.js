#!/usr/bin/env node
// `pai validate` runs in pre-commit on every commit, so it skips loading oclif (~65 ms) and runs
// from one bundled file (see scripts/bundle-validate.mjs) unless help is asked for; every other
// command goes through oclif, which oclif.manifest.json (built by `npm run build`) lets load only
// the command being run.
const args = process.argv.slice(2);
if (args[0] === 'validate' && !args.some((a) => a === '--help' || a === '-h')) {
  const { main } = await import('../dist/bundle/pai-validate.mjs');
  process.exitCode = await main(args.slice(1));
} else {
  // oclif's own DEBUG logging prints raw argv (an --api-key value among it) before any command runs.
  if (process.env.DEBUG) (await import('../dist/cli/sensitive.js')).guardStderr(args);
  const { execute } = await import('@oclif/core');
  await execute({ dir: import.meta.url });
}
