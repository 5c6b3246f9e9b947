import { UserError } from '../../lib/user-error.js';
import { chmodSync, closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync } from 'node:fs';

/**
 * The data dir holds the secret key, the first admin token and the lock: files another local
 * user must neither read nor plant. Every one of them is created through `createNewFile`
 * (O_CREAT|O_EXCL|O_NOFOLLOW: nothing that already exists at the path — a file or a symlink
 * aimed elsewhere — is ever written through) and read through `readOwnFile` (no symlinks).
 */

/** Creates `file` with `data` and mode 0600; 'exists' when anything (a symlink too) is already there. */
export function createNewFile(file: string, data: string | Buffer, mode = 0o600): 'created' | 'exists' {
  let fd: number;
  try {
    fd = openSync(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, mode);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return 'exists';
    throw err;
  }
  try {
    writeFileSync(fd, data);
  } finally {
    closeSync(fd);
  }
  return 'created';
}

/** Reads a file of the data dir, refusing a symlink or anything but a regular file. */
export function readOwnFile(file: string): Buffer {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ELOOP') throw plantedFile(file);
    throw err;
  }
  try {
    if (!fstatSync(fd).isFile()) throw plantedFile(file);
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Whether `file` is a symlink (or anything but a regular file) — what must never be written through. */
export function isPlanted(file: string): boolean {
  try {
    return !lstatSync(file).isFile();
  } catch {
    return false;
  }
}

export function plantedFile(file: string): UserError {
  return new UserError(
    `${file} is a symbolic link or not a regular file; pai never reads or writes its files through one`,
    'someone else may have planted it: check who can write to the data dir, remove it, and start again',
  );
}

/**
 * Creates the data dir (0700) or, when it exists and group or others may enter it, takes their
 * access away and says so (the notice); one it cannot change is refused.
 */
export function secureDataDir(dir: string): string | undefined {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stat = statSync(dir);
  if (!stat.isDirectory()) throw new UserError(`the data dir ${dir} is not a directory`, 'point --data-dir at a directory');
  const mode = stat.mode & 0o777;
  if ((mode & 0o077) === 0) return undefined;
  try {
    chmodSync(dir, mode & 0o700);
  } catch {
    throw new UserError(
      `the data dir ${dir} can be read by other users (mode ${mode.toString(8)}) and pai cannot change that`,
      `run chmod 700 ${dir} as its owner, or use another --data-dir`,
    );
  }
  return `the data dir ${dir} could be read by other users (mode ${mode.toString(8)}); it is now 700`;
}
