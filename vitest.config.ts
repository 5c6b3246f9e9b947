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
    // (on 2 cores: 1 worker ran ten e2e/server files in 153 s, 2 workers in 93 s, same CPU time).
    maxWorkers: Math.max(2, availableParallelism()),
    setupFiles: ['./test/helpers/setup.ts'],
    reporters: ['default', './test/helpers/summary-reporter.ts'],
  },
});
