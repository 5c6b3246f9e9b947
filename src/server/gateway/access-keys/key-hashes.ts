import type { SqlQueryable } from '../../store/sql-driver.js';

/** One stored key: which AccessKey it belongs to, and the SHA-256 of the raw key. */
export interface StoredKeyHash {
  namespace: string;
  name: string;
  hash: Buffer;
}

/**
 * Stores (or replaces: a rotation) the key of an AccessKey. Runs in the caller's transaction, the
 * one that also writes the AccessKey's status, so that both change together or not at all.
 */
export async function saveKeyHash(tx: SqlQueryable, namespace: string, name: string, hash: Buffer, createdAt: string): Promise<void> {
  await tx.query(
    `INSERT INTO access_key_hashes (namespace, name, hash, created_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (kind, namespace, name) DO UPDATE SET hash = EXCLUDED.hash, created_at = EXCLUDED.created_at`,
    [namespace, name, hash.toString('hex'), createdAt],
  );
}

/** Deletes the key of an AccessKey; false when it had none. */
export async function deleteKeyHash(tx: SqlQueryable, namespace: string, name: string): Promise<boolean> {
  const res = await tx.query(`DELETE FROM access_key_hashes WHERE namespace = $1 AND name = $2`, [namespace, name]);
  return res.rowCount > 0;
}

/** Every stored key digest, for the verifier's cache. */
export async function loadKeyHashes(db: SqlQueryable): Promise<StoredKeyHash[]> {
  const { rows } = await db.query<{ namespace: string; name: string; hash: string }>(`SELECT namespace, name, hash FROM access_key_hashes`);
  return rows.map((r) => ({ namespace: r.namespace, name: r.name, hash: Buffer.from(r.hash, 'hex') }));
}
