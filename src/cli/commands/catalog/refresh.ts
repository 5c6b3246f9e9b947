import { Args, Flags } from '@oclif/core';
import { PaiCommand } from '../../base-command.js';
import { CATALOG_PROVIDERS, type CatalogProvider } from '../../../compiler/catalog/catalog.js';
import type { RefreshResult } from '../../../compiler/catalog/refresh.js';
import { refreshLine } from '../../../compiler/catalog/render.js';
import { parseCatalogProvider, unknownProviderMessage } from '../../../compiler/catalog/provider-name.js';

/** The `--json` output of `pai catalog refresh`. */
export interface CatalogRefreshOutput {
  formatVersion: 1;
  results: RefreshResult[];
}

/** `pai catalog refresh [PROVIDER...]`: updates the model catalogue cache from the providers' APIs. */
export default class CatalogRefresh extends PaiCommand {
  static override summary = "Update the model catalogue from the providers' list-models APIs.";
  static override description =
    'Fetches each provider\'s model list with the key from the environment (ANTHROPIC_API_KEY, OPENAI_API_KEY, ' +
    'GEMINI_API_KEY or GOOGLE_API_KEY, OPENROUTER_API_KEY (optional), NVIDIA_API_KEY (optional)) and merges it into ' +
    'the catalogue cache ($PAI_CACHE_DIR, $XDG_CACHE_HOME/pai or ~/.cache/pai). Providers without a key are skipped. ' +
    'Exits 1 when a provider that was tried failed.';
  static override examples = ['<%= config.bin %> catalog refresh', '<%= config.bin %> catalog refresh anthropic openai'];
  static override strict = false;
  static override enableJsonFlag = true;
  static override args = {
    providers: Args.string({ ignoreStdin: true, description: `providers to refresh: ${CATALOG_PROVIDERS.join(', ')} (default: all)`, required: false }),
  };
  static override flags = {
    timeout: Flags.integer({ description: 'seconds to wait for each request', default: 15, min: 1 }),
  };

  async run(): Promise<CatalogRefreshOutput> {
    const { argv, flags } = await this.parse(CatalogRefresh);
    const providers = (argv as string[]).map((name) => this.toProvider(name));
    // The HTTP client (undici with proxy support) is loaded only by this command.
    const { refreshCatalog } = await import('../../../compiler/catalog/refresh.js');
    const results = await refreshCatalog({
      providers,
      env: process.env,
      timeoutMs: flags.timeout * 1000,
      onProgress: (event) => {
        if (event.type === 'result' && !this.jsonEnabled()) this.log(refreshLine(event.result));
      },
    });
    if (results.some((r) => r.status === 'failed')) process.exitCode = 1;
    return { formatVersion: 1, results };
  }

  private toProvider(name: string): CatalogProvider {
    return parseCatalogProvider(name) ?? this.usageError(unknownProviderMessage(name));
  }
}
