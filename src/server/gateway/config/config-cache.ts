import type { ResourceStore } from '../../store/resource-store.js';
import type { ResourceDocument } from '../../store/resource-document.js';
import type { SqlQueryable } from '../../store/sql-driver.js';
import { buildSnapshot, refKey, type GatewaySnapshot, type ProviderConfig, type SnapshotDocuments } from './snapshot.js';

const KINDS = ['ModelProvider', 'AccessKey', 'Agent', 'GuardBinding'] as const;

/** Moves when a resource the gateway reads (or a Secret) is created, deleted or changes its
 * spec or values (generation), not when only its status is written. */
const FINGERPRINT_SQL = `SELECT count(*)::text || ':' || coalesce(sum(generation), 0)::text || ':' || coalesce(sum(hashtext(uid::text)::bigint), 0)::text AS f
  FROM resources WHERE kind IN ('ModelProvider', 'AccessKey', 'Agent', 'GuardBinding', 'Secret')`;

/**
 * The gateway's view of the store: ModelProviders, AccessKeys, Agents and GuardBindings, parsed
 * once per store version instead of once per request. A write through this server marks it stale
 * (`invalidate()`), so the next gateway request sees it; writes by other replicas are noticed by
 * polling the store's version every `pollMs`. Upstream API keys are decrypted on first use and
 * kept with the snapshot they belong to (a changed Secret is a new store version).
 */
export class ConfigCache {
  private snapshot: GatewaySnapshot | undefined;
  private epoch = 1;
  private loadedEpoch = 0;
  private loading: Promise<GatewaySnapshot> | undefined;
  private apiKeys = new Map<string, Promise<string | undefined>>();
  private timer: NodeJS.Timeout | undefined;
  private fingerprint: string | undefined;

  constructor(
    private readonly resources: ResourceStore,
    private readonly db: SqlQueryable,
    private readonly pollMs = 1_000,
  ) {}

  /** The current snapshot, loading it first when it is missing or stale. */
  async current(): Promise<GatewaySnapshot> {
    if (this.snapshot && this.loadedEpoch === this.epoch) return this.snapshot;
    return this.load();
  }

  /** The snapshot as last loaded, without waiting (status writers; undefined before the first load). */
  peek(): GatewaySnapshot | undefined {
    return this.snapshot;
  }

  /** Something was written through this server: reload before the next request. */
  invalidate(): void {
    this.epoch++;
  }

  /** The decrypted API key of a provider's `apiKeySecretRef`, or undefined (none, or missing). */
  apiKey(provider: ProviderConfig): Promise<string | undefined> {
    const ref = provider.apiKeySecret;
    return ref ? this.secret(provider.namespace, ref.name, ref.key) : Promise.resolve(undefined);
  }

  /** One decrypted Secret value, kept until the store changes; undefined when it does not exist. */
  secret(namespace: string, name: string, key: string): Promise<string | undefined> {
    const id = `${refKey(namespace, name)}\u0000${key}`;
    let value = this.apiKeys.get(id);
    if (!value) {
      value = this.resources.readSecretValue(namespace, name, key);
      value.catch(() => this.apiKeys.delete(id));
      this.apiKeys.set(id, value);
    }
    return value;
  }

  /** Starts polling the store's version (other replicas' writes). */
  start(): void {
    this.timer ??= setInterval(() => void this.poll().catch(() => {}), this.pollMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /**
   * Other replicas' writes. The store's version also moves on every status write (this gateway's
   * own usage status, every few seconds), which changes nothing the gateway reads; so the poll
   * compares a fingerprint that moves only on creates, deletes and spec or Secret changes.
   */
  private async poll(): Promise<void> {
    if (!this.snapshot) return;
    const { rows } = await this.db.query<{ f: string }>(FINGERPRINT_SQL);
    const fingerprint = rows[0]?.f ?? '';
    if (this.fingerprint !== undefined && fingerprint !== this.fingerprint) this.invalidate();
    this.fingerprint = fingerprint;
  }

  private load(): Promise<GatewaySnapshot> {
    if (this.loading) return this.loading.then(() => this.current());
    const epoch = this.epoch;
    this.loading = readDocuments(this.resources)
      .then((docs) => {
        const snapshot = buildSnapshot(docs);
        if (snapshot.version !== this.snapshot?.version) this.apiKeys = new Map();
        this.snapshot = snapshot;
        this.loadedEpoch = epoch;
        return snapshot;
      })
      .finally(() => {
        this.loading = undefined;
      });
    return this.loading;
  }
}

/** Reads the version first: a write landing during the reads gives a newer version, so the next
 * poll reloads instead of keeping a snapshot that claims to be newer than its data. */
async function readDocuments(resources: ResourceStore): Promise<SnapshotDocuments> {
  const version = await resources.currentVersion();
  const lists = await Promise.all(KINDS.map((kind) => resources.list(kind)));
  const docs = { version } as SnapshotDocuments;
  KINDS.forEach((kind, i) => {
    docs[kind] = JSON.parse(`[${lists[i]!.itemsJson}]`) as ResourceDocument[];
  });
  return docs;
}
