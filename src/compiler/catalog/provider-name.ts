import { didYouMean } from '../diagnostics/did-you-mean.js';
import { CATALOG_PROVIDERS, type CatalogProvider } from './catalog-file.js';

/** Reads a provider name given on the command line (case-insensitive); undefined when unknown. */
export function parseCatalogProvider(name: string): CatalogProvider | undefined {
  const lower = name.toLowerCase();
  return (CATALOG_PROVIDERS as readonly string[]).includes(lower) ? (lower as CatalogProvider) : undefined;
}

/** The error for an unknown provider name: what was given, the likely fix, and the valid names. */
export function unknownProviderMessage(name: string): string {
  const guess = didYouMean(name.toLowerCase(), CATALOG_PROVIDERS, 1)[0];
  return `unknown provider "${name}"${guess ? ` (did you mean "${guess}"?)` : ''}; use one of: ${CATALOG_PROVIDERS.join(', ')}`;
}
