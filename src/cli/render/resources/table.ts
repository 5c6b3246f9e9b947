/** What an empty cell shows, as in the Pai documentation's tables. */
export const EMPTY_CELL = '—';

/** Columns are separated by three spaces, as `kubectl get` does. */
const GAP = '   ';

/**
 * Renders rows under a header as aligned, left-justified columns (kubectl's tabwriter layout):
 * each column as wide as its widest cell, the last column not padded, no trailing spaces.
 * Empty or missing cells become an em dash.
 */
export function renderTable(headers: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | undefined>>): string {
  const cells = rows.map((row) => headers.map((_, i) => fill(row[i])));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i]!.length)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join(GAP)
      .trimEnd();
  return [line(headers), ...cells.map(line)].join('\n') + '\n';
}

function fill(cell: string | undefined): string {
  return cell === undefined || cell === '' ? EMPTY_CELL : cell;
}
