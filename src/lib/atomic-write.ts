import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

/**
 * Writes a whole file or nothing: the text goes to a fresh temp file beside it (created
 * exclusively, with its final mode), is flushed to disk, then renamed over the target. A reader
 * (or a crash) never sees half a file, and the old file stays until the new one is complete.
 */
export function writeFileAtomic(file: string, text: string, mode = 0o644): void {
  // The global WebCrypto, not an import of node:crypto: loaded on the first write, not by every
  // command that may write (the CLI's config file).
  const suffix = crypto.getRandomValues(new Uint32Array(1))[0]!.toString(16);
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${suffix}.tmp`);
  const fd = openSync(temp, 'wx', mode);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(temp, file);
  } catch (err) {
    try { closeSync(fd); } catch { /* already closed */ }
    rmSync(temp, { force: true });
    throw err;
  }
}
