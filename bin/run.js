#!/usr/bin/env node
// `pai validate` runs in pre-commit on every commit and `pai plan` on every pull request, so both
// skip loading oclif (~90 ms) and run from bundled files (see scripts/bundle-cli.mjs) unless help
// is asked for; every other command goes through oclif, which oclif.manifest.json (built by
// `npm run build`) lets load only the command being run.
// A reader that stops early (`pai plan --format json | head`) closes the pipe: stop quietly, as
// command-line tools do, rather than die on the unhandled EPIPE with a stack trace.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});
const FAST = { validate: '../dist/bundle/pai-validate.mjs', plan: '../dist/bundle/pai-plan.mjs' };
const args = process.argv.slice(2);
const fast = Object.hasOwn(FAST, args[0] ?? '') && !args.some((a) => a === '--help' || a === '-h') ? FAST[args[0]] : undefined;
if (fast) {
  const { main } = await import(fast);
  process.exitCode = await main(args.slice(1));
} else {
  // oclif's own DEBUG logging prints raw argv (an --api-key value among it) before any command runs.
  if (process.env.DEBUG) (await import('../dist/cli/sensitive.js')).guardStderr(args);
  const { execute } = await import('@oclif/core');
  await execute({ dir: import.meta.url });
}
