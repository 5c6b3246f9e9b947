import { MaintenanceCommand, storeLocationFlags } from './maintenance-command.js';

/** What `pai server migrate --json` prints. */
export interface MigrateResult {
  formatVersion: 1;
  /** The migrations applied now, in order (empty when the schema was up to date). */
  applied: Array<{ version: number; name: string }>;
  schemaVersion: number;
}

export default class ServerMigrate extends MaintenanceCommand {
  static override summary = 'Bring the control plane database schema up to date, then exit (for deploy pipelines).';
  static override description =
    'Applies the migrations this pai knows that the database lacks, in one transaction, and prints them. ' +
    '`pai server` does the same at start-up, and replicas starting together on one PostgreSQL queue on a lock; ' +
    'running this first makes a deploy fail early, before any replica is replaced. ' +
    'A data dir must not be in use by a running server.';
  static override examples = [
    '<%= config.bin %> server migrate --database-url postgres://pai:PASSWORD@db:5432/pai',
    '<%= config.bin %> server migrate --data-dir ./pai-data',
  ];
  static override enableJsonFlag = true;
  static override flags = { ...storeLocationFlags };

  async run(): Promise<MigrateResult> {
    const { flags } = await this.parse(ServerMigrate);
    const db = await this.openFromFlags(flags);
    const [{ MIGRATIONS, migrate }, { schemaVersionOf }] = await Promise.all([import('../../../server/store/migrations.js'), import('../../../server/store/schema-version.js')]);
    try {
      const versions = await migrate(db.driver);
      const applied = versions.map((v) => ({ version: v, name: MIGRATIONS.find((m) => m.version === v)?.name ?? '' }));
      const schemaVersion = await schemaVersionOf(db.driver);
      if (applied.length === 0) this.print(`The schema of ${db.description} is up to date (version ${schemaVersion}); nothing to apply.\n`);
      else {
        this.print(`Applied ${applied.length} migration${applied.length === 1 ? '' : 's'} to ${db.description}:\n`);
        for (const m of applied) this.print(`  ${m.version}  ${m.name}\n`);
        this.print(`The schema is at version ${schemaVersion}.\n`);
      }
      return { formatVersion: 1, applied, schemaVersion };
    } finally {
      await db.close();
    }
  }
}
