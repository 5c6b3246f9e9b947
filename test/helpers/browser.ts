import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium (`apt-get install chromium`; .ci/run installs it), driven by playwright-core. */
export const CHROMIUM = process.env.PAI_TEST_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Whether the browser tests run: always in CI (where a missing chromium is a failure, not a
 * skip), elsewhere only when chromium is installed.
 */
export const browserTestsRun = Boolean(process.env.CI) || existsSync(CHROMIUM);
if (!browserTestsRun) console.warn(`skipping the browser tests: no chromium at ${CHROMIUM} (apt-get install chromium; .ci/run installs it)`);

/** Starts a headless chromium; a clear error (how to install it) when it is missing. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`chromium is not installed at ${CHROMIUM}: install it with \`apt-get install chromium\` (or set PAI_TEST_CHROMIUM)`);
  // --no-sandbox: CI runs as root, where chromium's sandbox refuses to start.
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}
