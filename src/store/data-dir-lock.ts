import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { StoreSetupError } from './errors.js';

/**
 * PGlite is a single-process database: two servers on one data dir would corrupt it. A lock file
 * holding the owner's pid keeps the second one out; a lock left by a process that no longer runs
 * (a crash, SIGKILL) is taken over. Returns the function that releases the lock.
 */
export function lockDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, 'server.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number.parseInt(readFileSync(file, 'utf8'), 10);
      if (Number.isInteger(owner) && owner !== process.pid && isRunning(owner)) {
        throw new StoreSetupError(
          `the data dir ${dataDir} is in use by another pai server (pid ${owner})`,
          'stop that server first, or start this one with another --data-dir',
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new StoreSetupError(`could not lock the data dir ${dataDir}`, `remove ${file} if no pai server is running`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
