import { Args, Flags } from '@oclif/core';
import { PaiCommand } from '../../base-command.js';
import { CATALOG_PROVIDERS } from '../../../compiler/catalog/catalog.js';
import { catalogListing, type CatalogListing } from '../../../compiler/catalog/listing.js';
import { parseCatalogProvider, unknownProviderMessage } from '../../../compiler/catalog/provider-name.js';
import { renderCatalogTable } from '../../../compiler/catalog/render.js';

/** `pai catalog [PROVIDER]`: the models pai checks references against, with their lifecycle. */
export default class CatalogCommand extends PaiCommand {
  static override summary = 'List the models pai knows per provider, with their lifecycle.';
  static override description =
    'Shows the model catalogue `pai validate` checks model references against: the snapshot shipped with pai, ' +
    'or the newer cache written by `pai catalog refresh`, and how old it is. Retired models are hidden unless --retired.';
  static override examples = [
    '<%= config.bin %> catalog anthropic',
    '<%= config.bin %> catalog openai --deprecated',
    '<%= config.bin %> catalog --search glm --retired',
    '<%= config.bin %> catalog gemini --json',
  ];
  static override enableJsonFlag = true;
  static override args = {
    provider: Args.string({ ignoreStdin: true, description: `only this provider: ${CATALOG_PROVIDERS.join(', ')} (default: all)`, required: false }),
  };
  static override flags = {
    format: Flags.string({ description: 'output format', options: ['table', 'json'], default: 'table' }),
    deprecated: Flags.boolean({ description: 'only deprecated models (with --retired: also retired ones)', default: false }),
    retired: Flags.boolean({ description: 'include retired models', default: false }),
    search: Flags.string({ description: 'only ids containing TEXT (case-insensitive)', helpValue: 'TEXT' }),
  };

  async run(): Promise<CatalogListing> {
    const { args, flags } = await this.parse(CatalogCommand);
    const provider = args.provider === undefined ? undefined : (parseCatalogProvider(args.provider) ?? this.usageError(unknownProviderMessage(args.provider)));
    const listing = catalogListing({
      ...(provider ? { providers: [provider] } : {}),
      deprecated: flags.deprecated,
      retired: flags.retired,
      ...(flags.search ? { search: flags.search } : {}),
    });
    if (!this.jsonEnabled()) process.stdout.write(flags.format === 'json' ? JSON.stringify(listing, null, 2) + '\n' : renderCatalogTable(listing));
    return listing;
  }
}
