import { packagePath } from '../../lib/package-root.js';
import { writeFileAtomic } from '../../lib/atomic-write.js';
import { mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

/** The providers pai has an upstream model catalogue for. */
export const CATALOG_PROVIDERS = ['anthropic', 'openai', 'gemini', 'openrouter', 'nvidia'] as const;

/** A provider with a model catalogue: the four native ModelProvider kinds, plus NVIDIA NIM. */
export type CatalogProvider = (typeof CATALOG_PROVIDERS)[number];

/** One model the provider's API accepts; lifecycle keys are present only when known. */
export interface CatalogModelEntry {
  id: string;
  deprecated?: true;
  shutdownOn?: string;
  replacement?: string;
  contextWindow?: number;
}

/** A model that existed and is known to be gone; `retiredOn` is null when no date was found. */
export interface CatalogRetiredEntry {
  id: string;
  retiredOn: string | null;
  replacement: string | null;
}

/**
 * The compact catalogue file: shipped as `catalog/<provider>.json` (built by
 * scripts/build-catalog.mjs) and written by `pai catalog refresh` to the cache, with `fetchedAt`.
 */
export interface CatalogFile {
  formatVersion: 1;
  provider: CatalogProvider;
  /** The day the data is complete up to. */
  snapshotDate: string;
  /** The day the shipped snapshot was built; a cache older than this is ignored. */
  generatedAt: string;
  source: string;
  /** Only in the cache: when `pai catalog refresh` fetched it (ISO timestamp). */
  fetchedAt?: string;
  models: CatalogModelEntry[];
  retired: CatalogRetiredEntry[];
}

/** Where the shipped snapshot lives: `<package>/catalog/`, two levels above src/compiler/catalog or dist/compiler/catalog. */
export const SHIPPED_CATALOG_DIR = packagePath('catalog') + path.sep;

/**
 * pai's cache root: `$PAI_CACHE_DIR`, else `$XDG_CACHE_HOME/pai`, else `~/.cache/pai`.
 * The catalogue cache is the `catalog/` folder inside it.
 */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PAI_CACHE_DIR) return path.resolve(env.PAI_CACHE_DIR);
  if (env.XDG_CACHE_HOME) return path.resolve(env.XDG_CACHE_HOME, 'pai');
  return path.join(homedir(), '.cache', 'pai');
}

export function shippedCatalogPath(provider: CatalogProvider): string {
  return path.join(SHIPPED_CATALOG_DIR, `${provider}.json`);
}

export function cachedCatalogPath(provider: CatalogProvider, cacheDir: string): string {
  return path.join(cacheDir, 'catalog', `${provider}.json`);
}

/** Reads and checks a catalogue file; undefined when it is missing or not a catalogue of `provider`. */
export function readCatalogFile(file: string, provider: CatalogProvider): CatalogFile | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const data = JSON.parse(text) as Partial<CatalogFile>;
    const ok =
      data.formatVersion === 1 &&
      data.provider === provider &&
      typeof data.snapshotDate === 'string' &&
      Array.isArray(data.models) &&
      data.models.every((m) => typeof m?.id === 'string') &&
      (data.retired === undefined || Array.isArray(data.retired));
    return ok ? ({ ...data, retired: data.retired ?? [], generatedAt: data.generatedAt ?? data.snapshotDate } as CatalogFile) : undefined;
  } catch {
    return undefined;
  }
}

/** Writes a catalogue file atomically (temp file + rename), so a reader never sees half a file. */
export function writeCatalogFile(file: string, catalog: CatalogFile): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const line = (m: unknown) => `    ${JSON.stringify(m)}`;
  const head = Object.entries(catalog)
    .filter(([k]) => k !== 'models' && k !== 'retired')
    .map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  const list = (items: unknown[]) => (items.length ? `[\n${items.map(line).join(',\n')}\n  ]` : '[]');
  const text = `{\n${head.join(',\n')},\n  "models": ${list(catalog.models)},\n  "retired": ${list(catalog.retired)}\n}\n`;
  writeFileAtomic(file, text, 0o644);
}
