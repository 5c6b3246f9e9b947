import { UserError } from '../../lib/user-error.js';
import type { SqlDriver } from './sql-driver.js';

/**
 * One numbered step of the schema. Steps are append-only: once released, a step is never edited;
 * a change is a new step. The SQL is plain PostgreSQL 15 so that PGlite and PostgreSQL share it.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * The schema. Notes on choices:
 * - `doc` is the whole resource as the API returns it, kept as JSON text: a LIST concatenates the
 *   stored documents in SQL (`string_agg`) instead of parsing and re-serialising 10,000 objects,
 *   and the key order users see is the one the server wrote.
 * - resourceVersion comes from a one-row counter updated inside each write's transaction (not a
 *   SEQUENCE, which is not transactional): versions follow commit order, and a LIST reads the
 *   counter and the rows from one snapshot, so "same version" really means "same data".
 * - names use the "C" collation so that the sort order (namespace, name) is the same on every
 *   PostgreSQL install, and the primary key index serves it.
 * - secret values live apart from `doc`, encrypted, so no query of resources can return them.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
      CREATE TABLE resource_version_counter (
        id integer PRIMARY KEY CHECK (id = 1),
        value bigint NOT NULL
      );
      INSERT INTO resource_version_counter (id, value) VALUES (1, 0);
      CREATE TABLE resources (
        kind text COLLATE "C" NOT NULL,
        namespace text COLLATE "C" NOT NULL,
        name text COLLATE "C" NOT NULL,
        uid uuid NOT NULL UNIQUE,
        resource_version bigint NOT NULL,
        generation bigint NOT NULL,
        created_at timestamptz NOT NULL,
        doc text NOT NULL,
        PRIMARY KEY (kind, namespace, name)
      );
      CREATE TABLE secret_values (
        kind text COLLATE "C" NOT NULL,
        namespace text COLLATE "C" NOT NULL,
        name text COLLATE "C" NOT NULL,
        ciphertext bytea NOT NULL,
        PRIMARY KEY (kind, namespace, name),
        FOREIGN KEY (kind, namespace, name) REFERENCES resources (kind, namespace, name) ON DELETE CASCADE
      );
      CREATE TABLE admin_tokens (
        name text COLLATE "C" PRIMARY KEY,
        hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL,
        last_used timestamptz
      );
      CREATE TABLE server_settings (
        name text PRIMARY KEY,
        value text NOT NULL
      );
    `,
  },
  {
    version: 2,
    // The LLM gateway (src/server/gateway): AccessKey hashes, and token budgets shared by every replica.
    // - access_key_hashes: one key per AccessKey, as the SHA-256 of the raw `pak_…` (never the
    //   key); deleting the AccessKey deletes its key.
    // - budget_usage: one row per (scope, period), e.g. ('mp:team-a/nvidia', '2026-01-02') for a
    //   day or ('akrpm:team-a/alice', '2026-01-02T10:31') for a minute. `reserved` is the sum of
    //   the leases that replicas hold; a lease is granted only by an atomic conditional update
    //   (used + reserved + n <= cap), so no amount of concurrency pushes usage past `cap`.
    //   `last_grant` hands the amount a grant took back to its caller (RETURNING sees new values);
    //   `last_used` is when usage was last added (what `pai get model-providers` shows as LAST USED).
    // - budget_leases: who holds how much of `reserved`, until when. A lease that is not renewed
    //   (its replica died) is charged as used and released by any replica's sweeper.
    name: 'gateway: access keys and budgets',
    sql: `
      CREATE TABLE access_key_hashes (
        kind text COLLATE "C" NOT NULL DEFAULT 'AccessKey' CHECK (kind = 'AccessKey'),
        namespace text COLLATE "C" NOT NULL,
        name text COLLATE "C" NOT NULL,
        hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (kind, namespace, name),
        FOREIGN KEY (kind, namespace, name) REFERENCES resources (kind, namespace, name) ON DELETE CASCADE
      );
      CREATE TABLE budget_usage (
        scope text COLLATE "C" NOT NULL,
        period text COLLATE "C" NOT NULL,
        used bigint NOT NULL DEFAULT 0,
        reserved bigint NOT NULL DEFAULT 0,
        cap bigint,
        last_grant bigint NOT NULL DEFAULT 0,
        last_used timestamptz,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (scope, period)
      );
      CREATE TABLE budget_leases (
        holder text COLLATE "C" NOT NULL,
        scope text COLLATE "C" NOT NULL,
        period text COLLATE "C" NOT NULL,
        amount bigint NOT NULL,
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (holder, scope, period)
      );
      CREATE INDEX budget_leases_expiry ON budget_leases (expires_at)
    `,
  },
  {
    version: 3,
    // Scoped, expiring admin tokens: `role` is what a token may do (read < apply < admin, see
    // src/server/http/auth.ts); tokens made before roles existed keep full access. `expires_at` NULL =
    // never expires.
    name: 'admin tokens: role and expiry',
    sql: `
      ALTER TABLE admin_tokens ADD COLUMN role text NOT NULL DEFAULT 'admin' CHECK (role IN ('read', 'apply', 'admin'));
      ALTER TABLE admin_tokens ADD COLUMN expires_at timestamptz
    `,
  },
  {
    version: 4,
    // What the gateway did (src/server/gateway/observability): written in batches by each replica, read
    // by `pai usage`, `pai logs` and /ui.
    // - usage_daily: one row per UTC day and (provider, AccessKey, Agent, model), '' where none
    //   (a refused request no provider served; a key bound to no Agent). Replicas add to the
    //   same rows with INSERT … ON CONFLICT DO UPDATE, so the figures hold across replicas.
    // - request_log: one row per gateway request (the audit line, never a prompt or a key).
    //   `id` orders the log and is the cursor of GET /v1/requests; rows are pruned by age and
    //   count (pai server --request-log-retention / --request-log-max-rows).
    name: 'gateway: daily usage and the request log',
    sql: `
      CREATE TABLE usage_daily (
        day text COLLATE "C" NOT NULL,
        provider text COLLATE "C" NOT NULL,
        access_key text COLLATE "C" NOT NULL,
        agent text COLLATE "C" NOT NULL,
        model text COLLATE "C" NOT NULL,
        requests bigint NOT NULL DEFAULT 0,
        tokens_in bigint NOT NULL DEFAULT 0,
        tokens_out bigint NOT NULL DEFAULT 0,
        refusals bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (day, provider, access_key, agent, model)
      );
      CREATE TABLE request_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL,
        route text NOT NULL,
        access_key text COLLATE "C",
        key_id text,
        agent text COLLATE "C",
        requested text,
        provider text COLLATE "C",
        model text COLLATE "C",
        status integer NOT NULL,
        code text COLLATE "C",
        stream boolean NOT NULL,
        tokens_in integer,
        tokens_out integer,
        latency_ms real NOT NULL,
        attempts integer NOT NULL,
        fallbacks integer NOT NULL,
        guards text,
        replica text NOT NULL
      );
      CREATE INDEX request_log_at ON request_log (at)
    `,
  },
];

/** Serialises concurrent migrators (several servers on one PostgreSQL) on one advisory lock. */
const MIGRATION_LOCK_ID = 7_070_001;

/**
 * Brings the schema up to date, in one transaction (PostgreSQL DDL is transactional): a crash
 * leaves the schema as it was, and servers starting together on one PostgreSQL queue on an
 * advisory lock. Returns the versions applied now.
 */
export async function migrate(db: SqlDriver, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock($1)`, [MIGRATION_LOCK_ID]);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const { rows } = await tx.query<{ version: number | string }>(`SELECT version FROM schema_migrations`);
    const done = new Set(rows.map((r) => Number(r.version)));
    const storeVersion = Math.max(0, ...done);
    if (storeVersion > latestSchemaVersion(migrations)) {
      throw new UserError(
        `the store was written by a newer pai (schema version ${storeVersion}; this pai knows up to ${latestSchemaVersion(migrations)})`,
        'upgrade pai, or point --data-dir at another directory',
      );
    }
    const applied: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      for (const statement of splitStatements(m.sql)) await tx.query(statement);
      await tx.query(`INSERT INTO schema_migrations (version, name) VALUES ($1, $2)`, [m.version, m.name]);
      applied.push(m.version);
    }
    return applied;
  });
}

/** The newest schema version this build knows; a store newer than this is refused. */
export function latestSchemaVersion(migrations: readonly Migration[] = MIGRATIONS): number {
  return Math.max(0, ...migrations.map((m) => m.version));
}

/** Migrations hold no `;` inside literals, so a plain split is enough (and keeps extended-protocol
 * drivers, which run one statement per call, happy). */
function splitStatements(sql: string): string[] {
  return sql
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
