import { PaiCommand } from '../../base-command.js';
import { credentialKinds } from '../../config/contexts.js';
import { renderTable } from '../../render/resources/table.js';
import { DEFAULT_NAMESPACE } from '../../../api/kinds.js';

/** One context in the `--json` payload of `pai context list`: never its credentials. */
export interface ContextListEntry {
  name: string;
  server: string;
  credentials: Array<'token' | 'access-key'>;
  /** The namespace its commands use when -n is not given. */
  namespace: string;
  active: boolean;
}

/** The `--json` payload of `pai context list`. */
export interface ContextListResult {
  formatVersion: 1;
  currentContext: string | null;
  contexts: ContextListEntry[];
}

export default class ContextList extends PaiCommand {
  static override summary = 'List the saved contexts; the current one is marked (active).';
  static override enableJsonFlag = true;

  async run(): Promise<ContextListResult> {
    await this.parse(ContextList);
    const { config } = this.loadConfig();
    const contexts = Object.entries(config.contexts)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, entry]) => ({ name, server: entry.server, credentials: credentialKinds(entry), namespace: entry.namespace ?? DEFAULT_NAMESPACE, active: name === config.currentContext }));
    if (contexts.length === 0) this.note('No contexts yet; log in with `pai login URL --token pai_tok_…`.');
    else {
      this.print(renderTable(['NAME', 'SERVER', 'CREDENTIALS', 'NAMESPACE'], contexts.map((c) => [c.active ? `${c.name} (active)` : c.name, c.server, c.credentials.join(','), c.namespace])));
    }
    return { formatVersion: 1, currentContext: config.currentContext, contexts };
  }
}
