/**
 * The pai.io/v1 kinds: names as users type them, the plural used in REST paths, and the order in
 * which apply creates them (dependencies first; deletes run in reverse).
 */
export const API_GROUP = 'pai.io';
export const API_VERSION = 'pai.io/v1';

export interface KindInfo {
  kind: string;
  /** Lower-case plural, used in REST paths and `pai get`. */
  plural: string;
  /** Every name `pai get/describe/delete` accepts for this kind. */
  aliases: string[];
  /** The JSON Schema file under schemas/. */
  schemaFile: string;
  /** Lower creates first. Secrets before ModelProviders before AccessKeys and Agents. */
  applyOrder: number;
}

export const KINDS: readonly KindInfo[] = [
  { kind: 'Secret', plural: 'secrets', aliases: ['secret', 'secrets', 'sec'], schemaFile: 'secret.schema.json', applyOrder: 0 },
  { kind: 'GuardBinding', plural: 'guardbindings', aliases: ['guardbinding', 'guardbindings', 'guard', 'guards', 'gb'], schemaFile: 'guardbinding.schema.json', applyOrder: 1 },
  { kind: 'ModelProvider', plural: 'modelproviders', aliases: ['modelprovider', 'modelproviders', 'model-provider', 'model-providers', 'mp'], schemaFile: 'modelprovider.schema.json', applyOrder: 2 },
  { kind: 'Provider', plural: 'providers', aliases: ['provider', 'providers', 'service', 'services', 'svc'], schemaFile: 'provider.schema.json', applyOrder: 2 },
  { kind: 'Agent', plural: 'agents', aliases: ['agent', 'agents', 'ag'], schemaFile: 'agent.schema.json', applyOrder: 3 },
  { kind: 'AccessKey', plural: 'accesskeys', aliases: ['accesskey', 'accesskeys', 'access-key', 'access-keys', 'ak'], schemaFile: 'accesskey.schema.json', applyOrder: 4 },
];

const byKind = new Map(KINDS.map((k) => [k.kind, k]));
const byAlias = new Map(KINDS.flatMap((k) => [...k.aliases, k.kind.toLowerCase()].map((a) => [a, k] as const)));

export function kindInfo(kind: string): KindInfo | undefined {
  return byKind.get(kind);
}

/** Resolves what a user typed (`mp`, `model-providers`, `ModelProvider`) to a kind. */
export function resolveKindAlias(name: string): KindInfo | undefined {
  return byAlias.get(name.toLowerCase());
}

export const DEFAULT_NAMESPACE = 'default';
