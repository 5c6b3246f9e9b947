import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // One test file per core, not vitest's default of one fewer: most files spend their time
    // waiting on the servers and CLI processes they start, so a second file keeps both cores busy
    // (on 2 cores, runs back to back: the suite took 315 s with 1 worker, 202 s with 2; see BENCHMARKS.md).
    maxWorkers: Math.max(2, availableParallelism()),
    setupFiles: ['./test/helpers/setup.ts'],
    reporters: ['default', './test/helpers/summary-reporter.ts'],
  },
});
