import type { CatalogListing, CatalogListingModel, CatalogListingSection } from './listing.js';
import type { RefreshResult } from './refresh.js';

/** One line per provider of `pai catalog refresh`, e.g. `anthropic: 57 models (3 new) from …`. */
export function refreshLine(result: RefreshResult): string {
  switch (result.status) {
    case 'updated':
      return `${result.provider}: ${result.listed} models (${result.added.length} new) from ${result.url}`;
    case 'skipped':
      return `${result.provider}: skipped (${result.reason})`;
    case 'failed':
      return `${result.provider}: failed: ${result.error}`;
  }
}

/** Where a catalogue's data comes from, e.g. `snapshot of 2026-07-02 (146 days old)`. */
export function describeOrigin(section: Pick<CatalogListingSection, 'source' | 'snapshotDate' | 'fetchedAt' | 'ageDays'>): string {
  const what = section.source === 'cache' ? `refreshed ${section.fetchedAt?.slice(0, 10) ?? '?'}` : `snapshot of ${section.snapshotDate}`;
  return `${what} (${section.ageDays} ${section.ageDays === 1 ? 'day' : 'days'} old)`;
}

/** The human form of `pai catalog`: per provider a heading, then an aligned table of models. */
export function renderCatalogTable(listing: CatalogListing): string {
  // Across all providers, sections a filter emptied are noise; for one provider, say so.
  const sections = listing.catalogs.length > 1 ? listing.catalogs.filter((s) => s.models.length > 0) : listing.catalogs;
  if (sections.length === 0) return 'No models match.\n';
  const parts = sections.map((section) => {
    const { active, deprecated, retired } = section.counts;
    const heading = `${section.provider}: ${describeOrigin(section)} — ${active} active, ${deprecated} deprecated, ${retired} retired`;
    if (section.models.length === 0) return `${heading}\n  (no matching models)\n`;
    return `${heading}\n${table(section.models)}`;
  });
  const stale = listing.catalogs.some((s) => s.ageDays > 30) ? 'Run `pai catalog refresh` to update from the providers’ APIs.\n' : '';
  return parts.join('\n') + (stale ? `\n${stale}` : '');
}

function table(models: CatalogListingModel[]): string {
  const rows = models.map((m) => [m.id, m.state, lifecycleDate(m), m.replacement ? `use ${m.replacement}` : '']);
  const header = ['MODEL', 'STATE', 'DATE', 'REPLACEMENT'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => '  ' + cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

function lifecycleDate(m: CatalogListingModel): string {
  if (m.state === 'deprecated') return m.shutdownOn ? `shuts down ${m.shutdownOn}` : '';
  if (m.state === 'retired') return m.retiredOn ? `retired ${m.retiredOn}` : '';
  return '';
}
