import type { SqlQueryable } from './sql-driver.js';

/**
 * The tables a dump carries, read from the database's own catalogue rather than from a list in
 * code: a table added by a later migration (the gateway's access keys and budgets, say) is copied
 * without anyone remembering to register it, and can never be dropped silently. Only
 * `schema_migrations` stays out: the target has its own, and the dump's schema version must equal
 * it.
 */
export interface DumpTable {
  name: string;
  /** Columns a row can be inserted with (generated columns are left out: the target computes them). */
  columns: string[];
  /** Columns fed by a sequence (serial or identity), to move the sequence past the copied rows. */
  sequenced: string[];
}

/** The one table of the schema that a dump never carries. */
export const MIGRATIONS_TABLE = 'schema_migrations';

/**
 * The tables of the current schema, ordered so that every table comes after the tables its
 * foreign keys reference: inserting in this order (and deleting in reverse) never breaks a key.
 */
export async function dumpTables(db: SqlQueryable): Promise<DumpTable[]> {
  const { rows: columns } = await db.query<{ table_name: string; column_name: string; sequenced: boolean }>(
    `SELECT c.table_name::text AS table_name, c.column_name::text AS column_name,
            (c.is_identity = 'YES' OR c.column_default LIKE 'nextval(%') AS sequenced
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' AND c.is_generated = 'NEVER'
      ORDER BY c.table_name, c.ordinal_position`,
  );
  const { rows: references } = await db.query<{ child: string; parent: string }>(
    `SELECT child.relname::text AS child, parent.relname::text AS parent
       FROM pg_constraint con
       JOIN pg_class child ON child.oid = con.conrelid
       JOIN pg_class parent ON parent.oid = con.confrelid
       JOIN pg_namespace ns ON ns.oid = child.relnamespace
      WHERE con.contype = 'f' AND ns.nspname = current_schema()`,
  );
  const tables = new Map<string, DumpTable>();
  for (const c of columns) {
    if (c.table_name === MIGRATIONS_TABLE) continue;
    let table = tables.get(c.table_name);
    if (!table) tables.set(c.table_name, (table = { name: c.table_name, columns: [], sequenced: [] }));
    table.columns.push(c.column_name);
    if (c.sequenced) table.sequenced.push(c.column_name);
  }
  return referencedFirst([...tables.values()], references);
}

/** Topological order (parents first), ties broken by name so that dumps are reproducible. */
function referencedFirst(tables: DumpTable[], references: Array<{ child: string; parent: string }>): DumpTable[] {
  const parents = new Map<string, Set<string>>(tables.map((t) => [t.name, new Set()]));
  for (const r of references) if (r.child !== r.parent && parents.has(r.parent)) parents.get(r.child)?.add(r.parent);
  const ordered: DumpTable[] = [];
  const placed = new Set<string>();
  const remaining = [...tables].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  while (remaining.length > 0) {
    const index = remaining.findIndex((t) => [...parents.get(t.name)!].every((p) => placed.has(p)));
    // A cycle of foreign keys (none in pai's schema): take the rest in name order.
    const next = remaining.splice(index < 0 ? 0 : index, 1)[0]!;
    ordered.push(next);
    placed.add(next.name);
  }
  return ordered;
}

/** A table or column name as an SQL identifier (the names come from the catalogue, but quote anyway). */
export function quoteIdent(name: string): string {
  return '"' + name.replace(/"/g, '""') + '"';
}

/** A string as an SQL literal (`standard_conforming_strings` is on in every supported PostgreSQL). */
export function quoteLiteral(text: string): string {
  return "'" + text.replace(/'/g, "''") + "'";
}
