import type { Resource } from '../../resources/wire.js';
import { columnsFor, NAMESPACE_COLUMN, type Column } from './columns.js';
import { renderTable } from './table.js';

/** How `pai get` lays out a table. */
export interface GetTableOptions {
  /** The kind listed (`ModelProvider`); decides the columns even when the list is empty. */
  kind: string;
  /** `-o wide`: the namespace first, and the kind's extra columns. */
  wide: boolean;
  /** `-A`: resources from several namespaces, so the namespace column is needed. */
  allNamespaces: boolean;
  /** The clock AGE and LAST USED are measured against (tests pin it). */
  now: Date;
}

/** The `pai get` table for resources of one kind. Pure: same input, same text. */
export function renderGetTable(resources: readonly Resource[], options: GetTableOptions): string {
  const { columns, wide } = columnsFor(options.kind);
  const chosen: Column[] = [
    ...(options.wide || options.allNamespaces ? [NAMESPACE_COLUMN] : []),
    ...columns,
    ...(options.wide ? wide : []),
  ];
  return renderTable(
    chosen.map((c) => c.header),
    resources.map((r) => chosen.map((c) => c.cell(r, options.now))),
  );
}
