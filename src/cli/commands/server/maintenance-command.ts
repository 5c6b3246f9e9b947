import { Flags } from '@oclif/core';
import { PaiCommand } from '../../base-command.js';
import { registerSensitive } from '../../sensitive.js';
import type { OpenDatabase } from '../../../server/store/open-database.js';
import { resolveStoreLocation, type StoreLocationFlags } from '../../../server/http/store-location.js';

/** `--data-dir` and `--database-url`, shared by `pai server migrate`, `export` and `import`. */
export const storeLocationFlags = {
  'data-dir': Flags.string({
    description: 'the embedded database of this data dir (the server must be stopped) [default: $PAI_DATA_DIR, $XDG_DATA_HOME/pai or ~/.local/share/pai]',
  }),
  'database-url': Flags.string({
    description: 'a PostgreSQL database (postgres://user:password@host:port/db) [default: $PAI_DATABASE_URL when --data-dir is not given]',
  }),
};

/**
 * The base of the maintenance commands that work on the control plane's database directly, with
 * no server: setup problems (a data dir in use, an unreachable PostgreSQL, a bad dump) become a
 * message and a hint, exit 1, never a stack trace; the database password never reaches output.
 */
export abstract class MaintenanceCommand extends PaiCommand {
  /** Opens the database the flags name; the caller closes it. */
  protected async openFromFlags(flags: StoreLocationFlags, opts: { mustExist?: boolean } = {}): Promise<OpenDatabase> {
    const location = resolveStoreLocation(flags);
    if (location.databaseUrl) registerSensitive(passwordOf(location.databaseUrl));
    // The store (PGlite or pg) is loaded only when a maintenance command runs.
    const { openDatabase } = await import('../../../server/store/open-database.js');
    return openDatabase(location, opts);
  }
}

function passwordOf(url: string): string | undefined {
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
}
