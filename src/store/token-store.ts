import { createHash, randomBytes } from 'node:crypto';
import { StoreError } from './errors.js';
import type { SqlDriver } from './sql-driver.js';

/** The prefix of every admin token: the only bearer `/v1/` accepts. */
export const ADMIN_TOKEN_PREFIX = 'pai_tok_';

/** What `GET /v1/tokens` shows of a token: never the token or its hash. */
export interface AdminTokenInfo {
  name: string;
  createdAt: string;
  lastUsed: string | null;
}

/** A token's name and the SHA-256 of the token, for constant-time verification. */
export interface AdminTokenHash {
  name: string;
  hash: Buffer;
}

/** A fresh admin token: the prefix and 256 random bits (base64url). */
export function newAdminToken(): string {
  return ADMIN_TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

/** Tokens are stored and compared only as SHA-256 hashes (they are random, so no salt is needed). */
export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** Admin tokens in the database. */
export class TokenStore {
  constructor(private readonly db: SqlDriver) {}

  async count(): Promise<number> {
    const { rows } = await this.db.query<{ n: number | string }>(`SELECT count(*) AS n FROM admin_tokens`);
    return Number(rows[0]?.n ?? 0);
  }

  /** Stores a token under `name` (a new random one unless given) and returns it: the only time the
   * token is ever available. AlreadyExists when the name (or the token) is taken. */
  async create(name: string, token: string = newAdminToken()): Promise<string> {
    const res = await this.db.query(`INSERT INTO admin_tokens (name, hash, created_at) VALUES ($1, $2, now()) ON CONFLICT DO NOTHING`, [
      name,
      hashToken(token).toString('hex'),
    ]);
    if (res.rowCount === 0) {
      throw new StoreError(
        'AlreadyExists',
        `an admin token named "${name}" already exists`,
        'pick another name, or revoke the old one first with `pai token revoke`',
      );
    }
    return token;
  }

  async list(): Promise<AdminTokenInfo[]> {
    const { rows } = await this.db.query<{ name: string; created_at: Date | string; last_used: Date | string | null }>(
      `SELECT name, created_at, last_used FROM admin_tokens ORDER BY name`,
    );
    return rows.map((r) => ({ name: r.name, createdAt: iso(r.created_at)!, lastUsed: iso(r.last_used) }));
  }

  /** Deletes a token. Refuses to delete the last one: nobody could use the API afterwards. */
  async revoke(name: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      // Two concurrent revokes of the last two tokens must not both succeed.
      await tx.query(`LOCK TABLE admin_tokens IN SHARE ROW EXCLUSIVE MODE`);
      const { rows } = await tx.query<{ n: number | string; present: number | string }>(
        `SELECT count(*) AS n, count(*) FILTER (WHERE name = $1) AS present FROM admin_tokens`,
        [name],
      );
      if (Number(rows[0]?.present ?? 0) === 0) {
        throw new StoreError('NotFound', `no admin token named "${name}"`, 'list the tokens with `pai token list`');
      }
      if (Number(rows[0]?.n ?? 0) <= 1) {
        throw new StoreError(
          'Conflict',
          `"${name}" is the last admin token; revoking it would lock everyone out`,
          'create another token first with `pai token create --name NAME`',
        );
      }
      await tx.query(`DELETE FROM admin_tokens WHERE name = $1`, [name]);
    });
  }

  /** All token hashes, for the verifier's constant-time comparison. */
  async hashes(): Promise<AdminTokenHash[]> {
    const { rows } = await this.db.query<{ name: string; hash: string }>(`SELECT name, hash FROM admin_tokens`);
    return rows.map((r) => ({ name: r.name, hash: Buffer.from(r.hash, 'hex') }));
  }

  /** Records that a token was used (the verifier throttles how often this is called). */
  async touch(name: string, when: Date): Promise<void> {
    await this.db.query(`UPDATE admin_tokens SET last_used = $2 WHERE name = $1`, [name, when.toISOString()]);
  }
}

function iso(value: Date | string | null): string | null {
  if (value === null) return null;
  return (value instanceof Date ? value : new Date(value)).toISOString();
}
