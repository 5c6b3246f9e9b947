import { createHash, randomBytes } from 'node:crypto';
import { StoreError } from './errors.js';
import type { SqlDriver } from './sql-driver.js';

/** The prefix of every admin token: the only bearer `/v1/` accepts. */
export const ADMIN_TOKEN_PREFIX = 'pai_tok_';

/**
 * What an admin token may do, each role including the one before: `read` GETs and LISTs
 * everything (no route returns secret values), `apply` also writes resources and Secrets,
 * `admin` also manages admin tokens and mints or revokes AccessKey keys.
 */
export const ADMIN_ROLES = ['read', 'apply', 'admin'] as const;
export type AdminRole = (typeof ADMIN_ROLES)[number];

export function isAdminRole(value: unknown): value is AdminRole {
  return (ADMIN_ROLES as readonly unknown[]).includes(value);
}

/** What `GET /v1/tokens` shows of a token: never the token or its hash. */
export interface AdminTokenInfo {
  name: string;
  role: AdminRole;
  createdAt: string;
  /** ISO time after which the token is refused (401 TokenExpired); null = never. */
  expiresAt: string | null;
  lastUsed: string | null;
}

/** What a token grants, without the token. */
export interface AdminTokenGrant {
  name: string;
  role: AdminRole;
  /** Epoch ms, or null = never expires. */
  expiresAt: number | null;
}

/** A token's grant and the SHA-256 of the token, for constant-time verification. */
export interface AdminTokenHash extends AdminTokenGrant {
  hash: Buffer;
}

/** How a token is made: its role (default admin) and when it expires (default never). */
export interface NewAdminToken {
  role?: AdminRole;
  expiresAt?: Date;
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
  async create(name: string, token: string = newAdminToken(), options: NewAdminToken = {}): Promise<string> {
    const res = await this.db.query(
      `INSERT INTO admin_tokens (name, hash, created_at, role, expires_at) VALUES ($1, $2, now(), $3, $4) ON CONFLICT DO NOTHING`,
      [name, hashToken(token).toString('hex'), options.role ?? 'admin', options.expiresAt?.toISOString() ?? null],
    );
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
    const { rows } = await this.db.query<{
      name: string;
      role: AdminRole;
      created_at: Date | string;
      expires_at: Date | string | null;
      last_used: Date | string | null;
    }>(`SELECT name, role, created_at, expires_at, last_used FROM admin_tokens ORDER BY name`);
    return rows.map((r) => ({ name: r.name, role: r.role, createdAt: iso(r.created_at)!, expiresAt: iso(r.expires_at), lastUsed: iso(r.last_used) }));
  }

  /** Deletes a token. Refuses to delete the last unexpired `admin` token: nobody could manage
   * tokens afterwards. */
  async revoke(name: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      // Two concurrent revokes of the last two tokens must not both succeed.
      await tx.query(`LOCK TABLE admin_tokens IN SHARE ROW EXCLUSIVE MODE`);
      const { rows } = await tx.query<{ admins: number | string; present: number | string; target_admin: number | string }>(
        `SELECT count(*) FILTER (WHERE ${LIVE_ADMIN}) AS admins, count(*) FILTER (WHERE name = $1) AS present,
                count(*) FILTER (WHERE name = $1 AND ${LIVE_ADMIN}) AS target_admin
           FROM admin_tokens`,
        [name],
      );
      if (Number(rows[0]?.present ?? 0) === 0) {
        throw new StoreError('NotFound', `no admin token named "${name}"`, 'list the tokens with `pai token list`');
      }
      if (Number(rows[0]?.target_admin ?? 0) > 0 && Number(rows[0]?.admins ?? 0) <= 1) {
        throw new StoreError(
          'Conflict',
          `"${name}" is the last admin token; revoking it would lock everyone out`,
          'create another token first with `pai token create --name NAME --role admin`',
        );
      }
      await tx.query(`DELETE FROM admin_tokens WHERE name = $1`, [name]);
    });
  }

  /** All token hashes, for the verifier's constant-time comparison. */
  async hashes(): Promise<AdminTokenHash[]> {
    const { rows } = await this.db.query<{ name: string; hash: string; role: AdminRole; expires_at: Date | string | null }>(
      `SELECT name, hash, role, expires_at FROM admin_tokens`,
    );
    return rows.map((r) => ({
      name: r.name,
      hash: Buffer.from(r.hash, 'hex'),
      role: r.role,
      expiresAt: r.expires_at === null ? null : new Date(r.expires_at).getTime(),
    }));
  }

  /** Records that a token was used (the verifier throttles how often this is called). */
  async touch(name: string, when: Date): Promise<void> {
    await this.db.query(`UPDATE admin_tokens SET last_used = $2 WHERE name = $1`, [name, when.toISOString()]);
  }
}

/** A token that may still manage tokens: role admin, not expired. */
const LIVE_ADMIN = `role = 'admin' AND (expires_at IS NULL OR expires_at > now())`;

function iso(value: Date | string | null): string | null {
  if (value === null) return null;
  return (value instanceof Date ? value : new Date(value)).toISOString();
}
