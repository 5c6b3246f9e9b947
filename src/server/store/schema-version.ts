import type { SqlQueryable } from './sql-driver.js';

/** The highest migration applied to a database (0 for one pai never migrated): what `pai server
 * migrate` reports and what a dump must match. */
export async function schemaVersionOf(db: SqlQueryable): Promise<number> {
  const { rows: present } = await db.query<{ present: boolean }>(`SELECT to_regclass('schema_migrations') IS NOT NULL AS present`);
  if (!present[0]?.present) return 0;
  const { rows } = await db.query<{ v: number | string | null }>(`SELECT max(version) AS v FROM schema_migrations`);
  return Number(rows[0]?.v ?? 0);
}
