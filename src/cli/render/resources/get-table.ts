import type { Resource } from '../../../api/wire.js';
import { columnsFor, NAME_COLUMN, NAMESPACE_COLUMN, type Column } from './columns.js';
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
  /** Names as `kind/name`: tables of several kinds (`pai get mp,agents`), as kubectl prints them. */
  qualifiedNames?: boolean;
}

/** The `pai get` table for resources of one kind. Pure: same input, same text. */
export function renderGetTable(resources: readonly Resource[], options: GetTableOptions): string {
  const { columns, wide } = columnsFor(options.kind);
  const chosen: Column[] = [
    ...(options.wide || options.allNamespaces ? [NAMESPACE_COLUMN] : []),
    ...columns,
    ...(options.wide ? wide : []),
  ];
  const cell = (c: Column, r: Resource) => (options.qualifiedNames && c === NAME_COLUMN ? `${r.kind.toLowerCase()}/${r.metadata.name}` : c.cell(r, options.now));
  return renderTable(
    chosen.map((c) => c.header),
    resources.map((r) => chosen.map((c) => cell(c, r))),
  );
}
