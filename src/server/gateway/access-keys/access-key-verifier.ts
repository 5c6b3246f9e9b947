import { timingSafeEqual } from 'node:crypto';
import type { AccessKeyVerifier as AccessKeySeam } from '../../http/auth.js';
import type { SqlQueryable } from '../../store/sql-driver.js';
import { hashAccessKey } from './access-key-token.js';
import { loadKeyHashes, type StoredKeyHash } from './key-hashes.js';

/** How the verifier keeps its cache of key digests fresh. */
export interface AccessKeyVerifierOptions {
  /** Digests older than this are reloaded in the background (keys revoked on another replica). */
  refreshMs: number;
  /** A key not in the cache reloads it at most this often (a key minted on another replica
   * works within this time; a flood of bad keys costs one query per interval, not per request). */
  missReloadMs: number;
  now?: () => number;
}

/**
 * Checks `pak_…` keys for the gateway (the `AccessKeyVerifier` seam of src/server/http/auth.ts). The
 * presented key is hashed; the digest finds its candidate in a map and is then compared with
 * timingSafeEqual. The map lookup works on SHA-256 digests, so its timing says nothing about any
 * stored key. Local mints and revocations call `invalidate()`, so a revoked key stops working at
 * the next request; changes made by other replicas are seen within `refreshMs`.
 */
export class AccessKeyVerifier implements AccessKeySeam {
  private byDigest = new Map<string, StoredKeyHash>();
  private loadedAt = Number.NEGATIVE_INFINITY;
  private lastMissReload = Number.NEGATIVE_INFINITY;
  /** Bumped by invalidate(); the cache is current when it was loaded under the current epoch. */
  private epoch = 1;
  private loadedEpoch = 0;
  private reloading: { epoch: number; done: Promise<void> } | undefined;
  private readonly now: () => number;

  constructor(
    private readonly db: SqlQueryable,
    private readonly opts: AccessKeyVerifierOptions = { refreshMs: 5_000, missReloadMs: 1_000 },
  ) {
    this.now = opts.now ?? Date.now;
  }

  async verify(key: string): Promise<{ namespace: string; name: string } | undefined> {
    const digest = hashAccessKey(key);
    while (this.loadedEpoch !== this.epoch) await this.reload();
    let found = this.lookup(digest);
    const now = this.now();
    if (!found && now - this.lastMissReload >= this.opts.missReloadMs) {
      this.lastMissReload = now;
      await this.reload();
      found = this.lookup(digest);
    } else if (now - this.loadedAt > this.opts.refreshMs) {
      void this.reload().catch(() => {});
    }
    return found ? { namespace: found.namespace, name: found.name } : undefined;
  }

  /** Forget the cache: the next request reloads it before answering (a key was minted or revoked). */
  invalidate(): void {
    this.epoch++;
  }

  private lookup(digest: Buffer): StoredKeyHash | undefined {
    const entry = this.byDigest.get(digest.toString('hex'));
    return entry && entry.hash.length === digest.length && timingSafeEqual(entry.hash, digest) ? entry : undefined;
  }

  /** One load at a time; a load that started before the last invalidate() is followed by another. */
  private async reload(): Promise<void> {
    while (this.reloading) {
      const current = this.reloading;
      await current.done.catch(() => {});
      if (current.epoch === this.epoch && this.reloading === undefined) return;
    }
    const epoch = this.epoch;
    const done = loadKeyHashes(this.db).then((rows) => {
      this.byDigest = new Map(rows.map((r) => [r.hash.toString('hex'), r]));
      this.loadedAt = this.now();
      this.loadedEpoch = epoch;
    });
    this.reloading = { epoch, done };
    try {
      await done;
    } finally {
      this.reloading = undefined;
    }
  }
}
