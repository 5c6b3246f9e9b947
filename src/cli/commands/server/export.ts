import { once } from 'node:events';
import { UserError } from '../../../lib/user-error.js';
import { MaintenanceCommand, storeLocationFlags } from './maintenance-command.js';

export default class ServerExport extends MaintenanceCommand {
  static override summary = 'Write the whole control plane database to stdout as JSON lines (to move it with `pai server import`).';
  static override description =
    'Everything the control plane stores — resources with their uids, resourceVersions, generations and timestamps, ' +
    'Secret values (still encrypted with the source\'s secret.key), admin tokens (as hashes) and every other table — ' +
    'as one consistent snapshot. The dump holds no plaintext secret, but it is the whole control plane: keep it private. ' +
    'A data dir must not be in use by a running server (stop it first). See docs/scaling.md.';
  static override examples = [
    '(umask 077; <%= config.bin %> server export --data-dir ./pai-data > pai.dump.jsonl)',
    '<%= config.bin %> server export --data-dir ./pai-data | <%= config.bin %> server import --database-url postgres://pai@db:5432/pai',
  ];
  static override flags = { ...storeLocationFlags };

  async run(): Promise<void> {
    const { flags } = await this.parse(ServerExport);
    if (process.stdout.isTTY) throw new UserError('refusing to write a dump to the terminal', 'redirect it to a file: pai server export … > pai.dump.jsonl');
    const db = await this.openFromFlags(flags, { mustExist: true });
    const [{ exportDump }, { describeRows }] = await Promise.all([import('../../../server/store/dump-export.js'), import('../../../server/store/dump-format.js')]);
    try {
      const summary = await exportDump(db.driver, async (chunk) => {
        if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
      });
      this.note(`Exported ${db.description} (schema version ${summary.schemaVersion}): ${describeRows(summary.rows)}.`);
    } finally {
      await db.close();
    }
  }
}
