import type { ResourceKey } from '../../api/diagnostic.js';
import { ANNOTATION_LAST_APPLIED } from '../../api/annotations.js';
import { readSecretValuesWith, ResourceWriter } from './resource-writer.js';
import type { SecretBox } from './secret-box.js';
import type { SqlDriver, SqlQueryable } from './sql-driver.js';

/** What a LIST returns of each resource: all of it, or all but pai's last-applied annotation. */
export type ListView = 'full' | 'without-last-applied';

/** One kind's resources as JSON text, with the store version the read saw. */
export interface ResourceListing {
  /** The store-wide version at the time of the read (a decimal string). */
  resourceVersion: string;
  /** The stored documents joined by commas, sorted by namespace then name: `[` + this + `]` is
   * the items array. Kept as text so a LIST of 10,000 resources is never parsed on the server. */
  itemsJson: string;
}

/**
 * Reads and writes resources. Reads return stored JSON text as is; every write runs in one
 * transaction that first locks the version counter (see ResourceWriter).
 */
export class ResourceStore {
  /**
   * The last all-namespaces listing of each kind and view. Every write moves the store-wide
   * version, so a listing read at the current version is still exact, and answering from it costs
   * one small query instead of sorting and joining 10,000 documents (as the Kubernetes API server
   * answers LISTs from its watch cache). Plan LISTs every kind on every pull request; the control
   * plane rarely changes in between.
   */
  private readonly listings = new Map<string, ResourceListing>();

  constructor(
    private readonly db: SqlDriver,
    private readonly box: SecretBox,
  ) {}

  /**
   * All resources of a kind, in one namespace or all of them, in one statement (one snapshot).
   * The view `without-last-applied` leaves out pai's last-applied annotation, which doubles the
   * size of a manifest and which plan needs only for the few objects that changed.
   */
  async list(kind: string, namespace?: string, view: ListView = 'full'): Promise<ResourceListing> {
    if (namespace !== undefined) return this.inView(await this.query(kind, namespace), view);
    const cacheKey = `${kind} ${view}`;
    const cached = this.listings.get(cacheKey);
    if (cached && cached.resourceVersion === (await this.currentVersion())) return cached;
    const listing = this.inView(await this.query(kind), view);
    this.listings.set(cacheKey, listing);
    return listing;
  }

  private inView(listing: ResourceListing, view: ListView): ResourceListing {
    if (view === 'full' || listing.itemsJson === '') return listing;
    const items = JSON.parse(`[${listing.itemsJson}]`) as Array<{ metadata?: { annotations?: Record<string, string> } }>;
    for (const item of items) {
      const annotations = item.metadata?.annotations;
      if (annotations && ANNOTATION_LAST_APPLIED in annotations) delete annotations[ANNOTATION_LAST_APPLIED];
    }
    return { resourceVersion: listing.resourceVersion, itemsJson: JSON.stringify(items).slice(1, -1) };
  }

  private async query(kind: string, namespace?: string): Promise<ResourceListing> {
    const params: unknown[] = [kind];
    let where = 'kind = $1';
    if (namespace !== undefined) {
      params.push(namespace);
      where += ' AND namespace = $2';
    }
    const { rows } = await this.db.query<{ rv: string; items: string }>(
      `SELECT (SELECT value FROM resource_version_counter WHERE id = 1)::text AS rv,
              coalesce(string_agg(doc, ',' ORDER BY namespace, name), '') AS items
         FROM resources WHERE ${where}`,
      params,
    );
    return { resourceVersion: rows[0]?.rv ?? '0', itemsJson: rows[0]?.items ?? '' };
  }

  /** One resource's stored JSON, or undefined. */
  async get(key: ResourceKey): Promise<string | undefined> {
    const { rows } = await this.db.query<{ doc: string }>(`SELECT doc FROM resources WHERE kind = $1 AND namespace = $2 AND name = $3`, [
      key.kind,
      key.namespace,
      key.name,
    ]);
    return rows[0]?.doc;
  }

  /** The store-wide version: the last resourceVersion handed out. */
  async currentVersion(): Promise<string> {
    const { rows } = await this.db.query<{ rv: string }>(`SELECT value::text AS rv FROM resource_version_counter WHERE id = 1`);
    return rows[0]?.rv ?? '0';
  }

  /**
   * Runs `fn` as one transaction: all its writes land, or none (a thrown StoreError rolls back,
   * the version with it). The transaction first takes its version from the counter, which locks
   * the counter row: write transactions queue there and never deadlock.
   */
  async write<T>(fn: (writer: ResourceWriter, tx: SqlQueryable) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ value: number | string }>(`UPDATE resource_version_counter SET value = value + 1 WHERE id = 1 RETURNING value`);
      // `tx` lets a caller write its own tables in the same transaction (the gateway's AccessKey hashes).
      return fn(new ResourceWriter(tx, this.box, Number(rows[0]!.value)), tx);
    });
  }

  /**
   * One decrypted value of a Secret, for the gateway (which sends it upstream and nowhere else).
   * Undefined when the Secret or the key does not exist.
   */
  async readSecretValue(namespace: string, name: string, key: string): Promise<string | undefined> {
    const values = await readSecretValuesWith(this.db, this.box, { kind: 'Secret', namespace, name });
    return values?.get(key)?.toString('utf8');
  }
}
