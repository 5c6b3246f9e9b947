import { Flags } from '@oclif/core';
import { UserError } from '../../../lib/user-error.js';
import type { DumpSummary } from '../../../server/store/dump-format.js';
import { MaintenanceCommand, storeLocationFlags } from './maintenance-command.js';

/** What `pai server import --json` prints. */
export interface ImportResult extends DumpSummary {
  formatVersion: 1;
  /** Migrations applied to the target before the import. */
  migrated: number[];
}

export default class ServerImport extends MaintenanceCommand {
  static override summary = 'Load a `pai server export` dump from stdin into an empty control plane database.';
  static override description =
    'Brings the target schema up to date, then copies every row of the dump in one transaction: a dump that is cut short ' +
    'or does not match the target leaves the target as it was. A target that already holds data is refused unless --force, ' +
    'which replaces everything in it. Start the servers of the target afterwards with the secret key of the source ' +
    '(--secret-key-file SOURCE_DATA_DIR/secret.key or PAI_SECRET_KEY): Secret values are copied still encrypted. See docs/scaling.md.';
  static override examples = [
    '<%= config.bin %> server import --database-url postgres://pai:PASSWORD@db:5432/pai < pai.dump.jsonl',
    '<%= config.bin %> server export --data-dir ./pai-data | <%= config.bin %> server import --database-url postgres://pai@db:5432/pai',
  ];
  static override enableJsonFlag = true;
  static override flags = {
    ...storeLocationFlags,
    force: Flags.boolean({ description: 'replace whatever the target database holds (its resources, tokens, everything)', default: false }),
  };

  async run(): Promise<ImportResult> {
    const { flags } = await this.parse(ServerImport);
    if (process.stdin.isTTY) throw new UserError('pai server import reads a dump from stdin', 'redirect one in: pai server import … < pai.dump.jsonl');
    const db = await this.openFromFlags(flags);
    const [{ importDump, readLines }, { describeRows }, { migrate }] = await Promise.all([import('../../../server/store/dump-import.js'), import('../../../server/store/dump-format.js'), import('../../../server/store/migrations.js')]);
    try {
      const migrated = await migrate(db.driver);
      const summary = await importDump(db.driver, readLines(process.stdin), { force: flags.force });
      this.print(`Imported into ${db.description} (schema version ${summary.schemaVersion}): ${describeRows(summary.rows)}.\n`);
      return { formatVersion: 1, migrated, ...summary };
    } finally {
      await db.close();
    }
  }
}
