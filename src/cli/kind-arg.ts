import { KINDS, resolveKindAlias, type KindInfo } from '../api/kinds.js';
import { UserError } from '../lib/user-error.js';

/** What `pai get` and friends accept as KIND, for help texts. */
export const KIND_ARG_DESCRIPTION = `resource kind: ${KINDS.map(displayPlural).join(', ')} (singular, plural or short names)`;

/** Resolves a KIND argument (singular, plural or short name), or fails with the list of kinds. */
export function resolveKindArg(text: string): KindInfo {
  const info = resolveKindAlias(text);
  if (info) return info;
  const known = KINDS.map((k) => `${displayPlural(k)} (${k.aliases[k.aliases.length - 1]})`).join(', ');
  throw new UserError(`unknown kind ${JSON.stringify(text)}`, `use one of: ${known}`);
}

/** The name users type for a kind in messages: `model-providers`, `secrets`. */
export function displayPlural(info: KindInfo): string {
  return info.aliases.find((a) => a.includes('-') && a.endsWith('s')) ?? info.plural;
}

/**
 * The KIND argument of `pai get`: one kind, several joined by commas (`mp,agents`), or `all`
 * (every kind, in apply order). Duplicates (`mp,modelproviders`) are listed once.
 */
export function resolveKindList(text: string): KindInfo[] {
  if (text.trim().toLowerCase() === 'all') return [...KINDS].sort((a, b) => a.applyOrder - b.applyOrder);
  const kinds: KindInfo[] = [];
  for (const part of text.split(',')) {
    const kind = resolveKindArg(part.trim());
    if (!kinds.includes(kind)) kinds.push(kind);
  }
  return kinds;
}
