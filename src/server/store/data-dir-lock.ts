import { UserError } from '../../lib/user-error.js';
import { readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { createNewFile, readOwnFile } from './data-dir-files.js';

/**
 * PGlite is a single-process database: two servers on one data dir would corrupt it. A lock file
 * holding the owner's pid and start time keeps the second one out. A lock whose process is gone
 * (a crash, SIGKILL) is taken over, and so is one whose pid now belongs to a process that started
 * after the lock was written: after a reboot or a long while, pids are reused, and a lock must not
 * make pai wait for an unrelated process. Returns the function that releases the lock.
 */
export function lockDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, 'server.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    const owner = { pid: process.pid, startedAt: new Date(processStartMs(process.pid) ?? Date.now() - process.uptime() * 1000).toISOString() };
    if (createNewFile(file, JSON.stringify(owner) + '\n') === 'created') return () => rmSync(file, { force: true });
    const holder = lockHolder(readOwnFile(file).toString('utf8'));
    if (holder !== undefined && holder !== process.pid && ownsLock(holder, statSync(file).mtimeMs)) {
      throw new UserError(
        `the data dir ${dataDir} is in use by another pai server (pid ${holder})`,
        'stop that server first, or start this one with another --data-dir',
      );
    }
    rmSync(file, { force: true });
  }
  throw new UserError(`could not lock the data dir ${dataDir}`, `remove ${file} if no pai server is running`);
}

/** The pid in a lock file: `{"pid":…,"startedAt":…}`, or a bare pid (written by pai before 0.2). */
function lockHolder(text: string): number | undefined {
  let pid: unknown;
  try {
    pid = (JSON.parse(text) as { pid?: unknown }).pid;
  } catch {
    pid = Number.parseInt(text, 10);
  }
  return typeof pid === 'number' && Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** Whether the process `pid` may be the one that wrote a lock at `lockWrittenMs`: it runs, and
 * (where the start time can be read) it started before the lock was written. */
function ownsLock(pid: number, lockWrittenMs: number): boolean {
  if (!isRunning(pid)) return false;
  const started = processStartMs(pid);
  // A second of slack: start times are read in clock ticks, file times may be coarse.
  return started === undefined || started <= lockWrittenMs + 1000;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * When a process started (epoch ms), from Linux's /proc: field 22 of /proc/PID/stat counts clock
 * ticks (USER_HZ, 100 on Linux) since boot, and /proc/stat's btime is the boot time. Undefined
 * elsewhere (then a running pid is taken to own its lock, as before).
 */
function processStartMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may contain spaces: count after it.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    const bootSeconds = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1]);
    if (!Number.isFinite(ticks) || !Number.isFinite(bootSeconds)) return undefined;
    return bootSeconds * 1000 + ticks * 10;
  } catch {
    return undefined;
  }
}
