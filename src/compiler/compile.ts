import { loadCatalog, type Catalog, type CatalogProvider } from './catalog/catalog.js';
import { checkResources, type CheckedResource } from './check/index.js';
import { textMayHoldKey } from './check/rules/inline-keys.js';
import { sortDiagnostics, type Diagnostic } from '../api/diagnostic.js';
import type { Finding } from './diagnostics/finding.js';
import { loadManifests, type LoadedResource } from './load/load.js';
import { locateFindings } from './load/locate.js';
import { loadYaml, type SourceFile } from './load/source-file.js';
import { forEachSensitiveValue, mayHoldSensitiveKind } from '../api/sensitive-fields.js';
import { locateTargetFor, validateManifest } from './validate/index.js';

export interface CompileOptions {
  /** Files and directories to read (default: the working directory). */
  paths?: string[];
  cwd?: string;
  /**
   * Live resources from the control plane; makes unresolved secrets errors (plan). May be a
   * promise: it is awaited only before the checks, so reading files overlaps the server's answer.
   */
  live?: readonly CheckedResource[] | Promise<readonly CheckedResource[]>;
  /** Where `pai catalog refresh` keeps its cache (default: the user's cache dir). */
  catalogCacheDir?: string;
  /** "Today" for model lifecycles (a deprecated model past its shutdown date is retired). */
  now?: Date;
}

/** The compiled desired state and everything found wrong with it. */
export interface CompileResult {
  /** Every pai resource read, valid or not, in file order. */
  resources: LoadedResource[];
  /** Every file read, for showing source lines next to diagnostics. */
  sources: SourceFile[];
  /** Sorted by file and position. */
  diagnostics: Diagnostic[];
  filesChecked: number;
  /** The catalogues consulted, for "model catalogue: snapshot of … (N days old)". */
  catalogs: Catalog[];
  /**
   * Every value found secret by its position (a Secret's values, whatever their shape, also in
   * files that are not valid YAML). Renderers mask them wherever they would appear.
   */
  sensitiveValues: string[];
}

/**
 * The compiler: load → validate (JSON Schema) → check (cross-resource rules) → locate.
 * Offline and side-effect free; user errors come back as diagnostics, never as exceptions.
 */
export async function compile(options: CompileOptions = {}): Promise<CompileResult> {
  const cwd = options.cwd ?? process.cwd();
  // While the live state is still on its way (plan), reading files lets its responses in now and then.
  const loaded = await loadManifests(options.paths ?? [], cwd, { yieldToIo: options.live instanceof Promise });
  const findings: Finding<{ source: SourceFile; index: number }>[] = [...loaded.findings];

  const schemaInvalid = new Set<LoadedResource>();
  for (const r of loaded.resources) {
    const errors = validateManifest(r.manifest, r.key);
    for (const d of errors) findings.push({ diagnostic: d, source: r.source, index: r.index, pointer: d.pointer ?? '', target: locateTargetFor(d.code) });
    if (errors.length > 0) schemaInvalid.add(r);
  }

  const used = new Map<CatalogProvider, Catalog>();
  const catalogs = (provider: CatalogProvider): Catalog | undefined => {
    let c = used.get(provider);
    if (!c) {
      c = loadCatalog(provider, { ...(options.catalogCacheDir ? { cacheDir: options.catalogCacheDir } : {}), ...(options.now ? { now: options.now } : {}) });
      used.set(provider, c);
    }
    return c;
  };
  const live = options.live === undefined ? undefined : await options.live;
  const mayHoldInlineKey = memoizedBySource((source) => textMayHoldKey(source.text));
  const checkOptions = {
    ...(live ? { live } : {}),
    catalogs,
    mayHoldInlineKey: (r: LoadedResource) => mayHoldInlineKey(r.source),
    // A resource with schema errors still exists: references to it resolve, and nothing else is said about it.
    isUnchecked: (r: LoadedResource) => schemaInvalid.has(r),
    fromConfiguration: true,
    locationOf: (r: LoadedResource) => `${r.source.path}:${r.source.documentLine(r.index)}`,
  };
  for (const f of checkResources(loaded.resources, checkOptions)) {
    findings.push({ diagnostic: { ...f.diagnostic, resource: f.resource.key }, source: f.resource.source, index: f.resource.index, pointer: f.pointer, target: f.target });
  }

  const diagnostics = sortDiagnostics([...loaded.diagnostics, ...(await locateFindings(findings))]);
  return {
    resources: loaded.resources,
    sources: loaded.sources,
    diagnostics,
    filesChecked: loaded.sources.length + countUnreadable(loaded.diagnostics),
    catalogs: [...used.values()],
    sensitiveValues: await collectSensitiveValues(loaded, diagnostics),
  };
}

/**
 * The secret values of every manifest read, and of every file with a problem (whose YAML may be
 * too broken to have become a manifest). Positions in files with problems are computed here, so
 * that renderers can mask their source lines without loading anything.
 */
async function collectSensitiveValues(loaded: { resources: LoadedResource[]; sources: SourceFile[] }, diagnostics: Diagnostic[]): Promise<string[]> {
  const values = new Set<string>();
  for (const r of loaded.resources) forEachSensitiveValue(r.manifest, (v) => values.add(v));
  const withProblems = new Set(diagnostics.map((d) => d.range?.file));
  const sources = loaded.sources.filter((s) => withProblems.has(s.path));
  if (sources.some((s) => mayHoldSensitiveKind(s.text))) await loadYaml();
  for (const s of sources) for (const v of s.sensitiveSource().values) values.add(v);
  return [...values];
}

/** One answer per file, asked once per resource of it. */
function memoizedBySource(fn: (source: SourceFile) => boolean): (source: SourceFile) => boolean {
  const answers = new Map<SourceFile, boolean>();
  return (source) => {
    let answer = answers.get(source);
    if (answer === undefined) answers.set(source, (answer = fn(source)));
    return answer;
  };
}

/** Files that could not be parsed still count as checked (they were looked at and reported). */
function countUnreadable(diagnostics: Diagnostic[]): number {
  return diagnostics.filter((d) => d.code === 'file-too-large' || d.code === 'not-yaml').length;
}
