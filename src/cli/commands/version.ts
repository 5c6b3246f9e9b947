import { PaiCommand } from '../base-command.js';
import { VERSION } from '../version.js';
import { CATALOG_PROVIDERS, loadCatalog } from '../../compiler/catalog/catalog.js';

/** What `pai version --json` prints. */
export interface VersionInfo {
  formatVersion: 1;
  version: string;
  node: string;
  platform: string;
  /** The model catalogue each provider's checks use: the shipped snapshot, or a newer `pai catalog refresh`. */
  catalogues: Array<{ provider: string; snapshotDate: string; source: 'snapshot' | 'cache'; fetchedAt?: string }>;
}

export default class Version extends PaiCommand {
  static override summary = 'Print the version of pai and the date of its model catalogue (also `pai --version`).';
  static override examples = ['<%= config.bin %> version', '<%= config.bin %> --version', '<%= config.bin %> version --json'];
  static override enableJsonFlag = true;

  async run(): Promise<VersionInfo> {
    await this.parse(Version);
    const catalogues = CATALOG_PROVIDERS.map((provider) => {
      const c = loadCatalog(provider);
      return { provider, snapshotDate: c.snapshotDate, source: c.source, ...(c.fetchedAt ? { fetchedAt: c.fetchedAt } : {}) };
    });
    const snapshots = [...new Set(catalogues.map((c) => c.snapshotDate))].sort();
    const refreshed = catalogues.filter((c) => c.fetchedAt).map((c) => `${c.provider} refreshed ${c.fetchedAt!.slice(0, 10)}`);
    this.print(`pai ${VERSION} (node ${process.version}, ${process.platform}-${process.arch})\n`);
    this.print(`model catalogue: snapshot of ${snapshots.join(', ')}${refreshed.length ? `; ${refreshed.join(', ')}` : ''}\n`);
    return { formatVersion: 1, version: VERSION, node: process.version, platform: `${process.platform}-${process.arch}`, catalogues };
  }
}
