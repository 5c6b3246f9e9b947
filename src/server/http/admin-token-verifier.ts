import { timingSafeEqual } from 'node:crypto';
import { hashToken, type AdminTokenGrant, type AdminTokenHash, type TokenStore } from '../store/token-store.js';
import type { Logger } from './logger.js';

/**
 * Checks admin tokens in constant time: the presented token is hashed and compared with every
 * stored hash using timingSafeEqual, without stopping at a match. On the embedded database this
 * server is the only writer, so the hashes are cached (reloaded after local changes and every
 * `refreshMs`). With `refreshMs` 0 — several replicas on one PostgreSQL — nothing is cached: every
 * check reads the hashes in its own query, so a token revoked through one replica is refused by
 * all of them from the moment the revocation commits (one small query per admin request; the
 * gateway's traffic does not use admin tokens).
 */
export class AdminTokenVerifier {
  private cache: { at: number; entries: AdminTokenHash[] } | undefined;
  private reloading: Promise<AdminTokenHash[]> | undefined;
  private epoch = 0;
  private readonly lastTouched = new Map<string, number>();

  constructor(
    private readonly tokens: TokenStore,
    private readonly log: Logger,
    private readonly refreshMs = 5_000,
    private readonly touchEveryMs = 60_000,
  ) {}

  /** What the token grants (its name, role and expiry), or undefined when no stored token
   * matches. Expiry is the caller's to check (it answers differently). An unknown token reloads
   * the hashes once, in case another server just created it; concurrent misses share one reload,
   * so a flood of bad tokens costs at most one query at a time. */
  async verify(token: string): Promise<AdminTokenGrant | undefined> {
    const presented = hashToken(token);
    if (this.refreshMs <= 0) {
      // Its own query, started after the request arrived: never a result read before a revocation.
      const match = this.find(presented, await this.tokens.hashes());
      if (match !== undefined) this.touch(match.name);
      return match;
    }
    let match = this.find(presented, await this.entries());
    if (match === undefined) match = this.find(presented, await this.reload());
    if (match !== undefined) this.touch(match.name);
    return match;
  }

  /** Compares with every entry, without stopping at a match. */
  private find(presented: Buffer, entries: AdminTokenHash[]): AdminTokenGrant | undefined {
    let match: AdminTokenGrant | undefined;
    for (const entry of entries) {
      if (entry.hash.length === presented.length && timingSafeEqual(entry.hash, presented) && match === undefined) {
        match = { name: entry.name, role: entry.role, expiresAt: entry.expiresAt };
      }
    }
    return match;
  }

  /** Forget the cache (after a token was created or revoked here). */
  invalidate(): void {
    this.epoch++;
    this.cache = undefined;
    this.reloading = undefined;
  }

  private async entries(): Promise<AdminTokenHash[]> {
    if (!this.cache || Date.now() - this.cache.at > this.refreshMs) return this.reload();
    return this.cache.entries;
  }

  private reload(): Promise<AdminTokenHash[]> {
    if (this.reloading) return this.reloading;
    // A reload that started before an invalidate() may have read a revoked token: it must not
    // become the cache.
    const epoch = this.epoch;
    const reloading = this.tokens.hashes().then((entries) => {
      if (epoch === this.epoch) this.cache = { at: Date.now(), entries };
      return entries;
    });
    this.reloading = reloading;
    void reloading
      .finally(() => {
        if (this.reloading === reloading) this.reloading = undefined;
      })
      .catch(() => {});
    return reloading;
  }

  /** `lastUsed` is informative: written at most once a minute per token, off the request path. */
  private touch(name: string): void {
    const now = Date.now();
    if (now - (this.lastTouched.get(name) ?? 0) < this.touchEveryMs) return;
    this.lastTouched.set(name, now);
    this.tokens.touch(name, new Date(now)).catch(() => this.log.warn('could not record token use', { token: name }));
  }
}
