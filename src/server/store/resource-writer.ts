import { randomBytes, randomUUID } from 'node:crypto';
import type { ResourceKey } from '../../api/diagnostic.js';
import { kindInfo } from '../../api/kinds.js';
import { StoreError } from './errors.js';
import { buildDocument, canonicalJson, clientMetadataOf, initialStatus, type ResourceDocument, type StoredResource } from './resource-document.js';
import { decodeSecretValues, encodeSecretValues, sameSecretValues, secretFingerprint, type SecretBox, type SecretValues } from './secret-box.js';
import type { SqlQueryable } from './sql-driver.js';

/** What a client asks to store: the validated, client-owned parts of a manifest. */
export interface ResourceWrite {
  key: ResourceKey;
  /** Client-owned metadata (labels, annotations …); name and namespace come from `key`. */
  metadata: Record<string, unknown>;
  /** For a Secret: the spec without `stringData`/`data` (their values travel in `secretValues`). */
  spec: Record<string, unknown>;
  /** Secrets only: the values to encrypt, by key. */
  secretValues?: SecretValues;
  /** Optimistic concurrency: the write happens only if the stored resourceVersion is this one. */
  expectedResourceVersion?: string;
}

/** The outcome of an upsert: whether it created the resource (201) or replaced it (200). */
export interface PutResult {
  created: boolean;
  resource: StoredResource;
}

interface LockedRow {
  resource_version: number | string;
  doc: string;
}

/**
 * The write operations of one transaction. Created by `ResourceStore.write`, which has already
 * taken the transaction's version from the counter (locking it), so write transactions serialise
 * behind it: versions follow commit order, and two transactions never deadlock on row locks taken
 * in different orders. As in etcd, every resource written by one transaction gets that one
 * version. Each failure throws a StoreError, which rolls the whole transaction back.
 */
export class ResourceWriter {
  constructor(
    private readonly tx: SqlQueryable,
    private readonly box: SecretBox,
    /** This transaction's resourceVersion. */
    readonly version: number,
  ) {}

  async create(w: ResourceWrite): Promise<StoredResource> {
    if (w.expectedResourceVersion !== undefined) {
      if (await this.lock(w.key)) throw alreadyExists(w.key);
      throw staleOnMissing(w.key, w.expectedResourceVersion);
    }
    // No lookup first: the primary key decides (one statement less on the hot path).
    return this.insert(w);
  }

  async put(w: ResourceWrite): Promise<PutResult> {
    const row = await this.lock(w.key);
    if (!row) {
      if (w.expectedResourceVersion !== undefined) throw staleOnMissing(w.key, w.expectedResourceVersion);
      return { created: true, resource: await this.insert(w) };
    }
    checkPrecondition(w.key, row, w.expectedResourceVersion);
    return { created: false, resource: await this.replace(w, JSON.parse(row.doc) as ResourceDocument) };
  }

  async remove(key: ResourceKey, expectedResourceVersion?: string): Promise<StoredResource> {
    const row = await this.lock(key);
    if (!row) throw notFound(key);
    checkPrecondition(key, row, expectedResourceVersion);
    // The transaction took a version for the delete too, so a LIST's version moves after it.
    await this.tx.query(`DELETE FROM resources WHERE kind = $1 AND namespace = $2 AND name = $3`, [key.kind, key.namespace, key.name]);
    return { doc: JSON.parse(row.doc) as ResourceDocument, json: row.doc };
  }

  /**
   * Merges server-owned status fields (the gateway's `lastUsed`, `tokensUsedToday`) into a stored
   * resource. Takes the transaction's version like any write; generation stays (spec unchanged).
   */
  async patchStatus(key: ResourceKey, patch: Record<string, unknown>): Promise<StoredResource> {
    const row = await this.lock(key);
    if (!row) throw notFound(key);
    const old = JSON.parse(row.doc) as ResourceDocument;
    const server = {
      uid: old.metadata.uid,
      resourceVersion: String(this.version),
      generation: old.metadata.generation,
      creationTimestamp: old.metadata.creationTimestamp,
    };
    const stored = buildDocument(key, clientMetadataOf(old), server, old.spec, { ...old.status, ...patch });
    await this.tx.query(`UPDATE resources SET resource_version = $4, doc = $5 WHERE kind = $1 AND namespace = $2 AND name = $3`, [
      key.kind,
      key.namespace,
      key.name,
      this.version,
      stored.json,
    ]);
    return stored;
  }

  /**
   * Reads inside the transaction, for the admission checks. Writers queue on the version counter,
   * so these see every write committed before this one and none after it.
   */
  async readMany(keys: readonly ResourceKey[]): Promise<ResourceDocument[]> {
    // One query per namespace with `= ANY` lists (a superset), filtered exactly here: several
    // times cheaper than matching (kind, namespace, name) tuples against an unnest (PGlite).
    const byNamespace = new Map<string, ResourceKey[]>();
    for (const k of keys) byNamespace.set(k.namespace, [...(byNamespace.get(k.namespace) ?? []), k]);
    const out: ResourceDocument[] = [];
    for (const [namespace, group] of byNamespace) {
      const wanted = new Set(group.map((k) => `${k.kind}/${k.name}`));
      const { rows } = await this.tx.query<{ kind: string; name: string; doc: string }>(
        `SELECT kind, name, doc FROM resources WHERE namespace = $1 AND kind = ANY($2::text[]) AND name = ANY($3::text[])`,
        [namespace, [...new Set(group.map((k) => k.kind))], [...new Set(group.map((k) => k.name))]],
      );
      for (const r of rows) if (wanted.has(`${r.kind}/${r.name}`)) out.push(JSON.parse(r.doc) as ResourceDocument);
    }
    return out;
  }

  /** Every resource of the given kinds in the given namespaces. */
  async readAll(kinds: readonly string[], namespaces: readonly string[]): Promise<ResourceDocument[]> {
    const { rows } = await this.tx.query<{ doc: string }>(`SELECT doc FROM resources WHERE kind = ANY($1::text[]) AND namespace = ANY($2::text[])`, [kinds, namespaces]);
    return rows.map((r) => JSON.parse(r.doc) as ResourceDocument);
  }

  /** The resources of a namespace whose stored JSON contains `text` (a cheap filter before an exact check). */
  async readMentioning(namespace: string, text: string): Promise<ResourceDocument[]> {
    const { rows } = await this.tx.query<{ doc: string }>(`SELECT doc FROM resources WHERE namespace = $1 AND strpos(doc, $2) > 0`, [namespace, text]);
    return rows.map((r) => JSON.parse(r.doc) as ResourceDocument);
  }

  private async lock(key: ResourceKey): Promise<LockedRow | undefined> {
    const { rows } = await this.tx.query<LockedRow>(`SELECT resource_version, doc FROM resources WHERE kind = $1 AND namespace = $2 AND name = $3 FOR UPDATE`, [
      key.kind,
      key.namespace,
      key.name,
    ]);
    return rows[0];
  }

  private async insert(w: ResourceWrite): Promise<StoredResource> {
    const version = this.version;
    const server = { uid: randomUUID(), resourceVersion: String(version), generation: 1, creationTimestamp: new Date().toISOString() };
    const status = w.secretValues ? this.secretStatus(w.secretValues) : initialStatus(w.key.kind);
    const stored = buildDocument(w.key, w.metadata, server, w.spec, status);
    const res = await this.tx.query(
      `INSERT INTO resources (kind, namespace, name, uid, resource_version, generation, created_at, doc)
       VALUES ($1, $2, $3, $4, $5, 1, $6, $7) ON CONFLICT DO NOTHING`,
      [w.key.kind, w.key.namespace, w.key.name, server.uid, version, server.creationTimestamp, stored.json],
    );
    if (res.rowCount === 0) throw alreadyExists(w.key);
    if (w.secretValues) await this.saveSecretValues(w.key, w.secretValues);
    return stored;
  }

  private async replace(w: ResourceWrite, old: ResourceDocument): Promise<StoredResource> {
    let changed = canonicalJson(old.spec) !== canonicalJson(w.spec);
    if (w.secretValues && !changed) {
      const previous = await this.readSecretValues(w.key);
      changed = !previous || !sameSecretValues(previous, w.secretValues);
    }
    const version = this.version;
    const server = {
      uid: old.metadata.uid,
      resourceVersion: String(version),
      generation: old.metadata.generation + (changed ? 1 : 0),
      creationTimestamp: old.metadata.creationTimestamp,
    };
    const status = w.secretValues ? this.secretStatus(w.secretValues) : old.status;
    const stored = buildDocument(w.key, w.metadata, server, w.spec, status);
    await this.tx.query(`UPDATE resources SET resource_version = $4, generation = $5, doc = $6 WHERE kind = $1 AND namespace = $2 AND name = $3`, [
      w.key.kind,
      w.key.namespace,
      w.key.name,
      version,
      server.generation,
      stored.json,
    ]);
    if (w.secretValues) await this.saveSecretValues(w.key, w.secretValues);
    return stored;
  }

  /** Keys and per-key fingerprints under a fresh salt: enough to detect a change, nothing to leak. */
  private secretStatus(values: SecretValues): Record<string, unknown> {
    const salt = randomBytes(16).toString('hex');
    const keys = [...values.keys()].sort().map((name) => ({ name, fingerprint: secretFingerprint(salt, name, values.get(name)!) }));
    return { keys, salt };
  }

  private async saveSecretValues(key: ResourceKey, values: SecretValues): Promise<void> {
    const blob = this.box.encrypt(encodeSecretValues(values), secretAad(key));
    await this.tx.query(
      `INSERT INTO secret_values (kind, namespace, name, ciphertext) VALUES ($1, $2, $3, $4)
       ON CONFLICT (kind, namespace, name) DO UPDATE SET ciphertext = EXCLUDED.ciphertext`,
      [key.kind, key.namespace, key.name, blob],
    );
  }

  private async readSecretValues(key: ResourceKey): Promise<SecretValues | undefined> {
    return readSecretValuesWith(this.tx, this.box, key);
  }
}

/** Reads and decrypts one Secret's values; undefined when absent or undecryptable. */
export async function readSecretValuesWith(db: SqlQueryable, box: SecretBox, key: ResourceKey): Promise<SecretValues | undefined> {
  const { rows } = await db.query<{ ciphertext: Uint8Array }>(`SELECT ciphertext FROM secret_values WHERE kind = $1 AND namespace = $2 AND name = $3`, [
    key.kind,
    key.namespace,
    key.name,
  ]);
  if (!rows[0]) return undefined;
  try {
    return decodeSecretValues(box.decrypt(Buffer.from(rows[0].ciphertext), secretAad(key)));
  } catch {
    return undefined;
  }
}

function secretAad(key: ResourceKey): string {
  return `${key.kind}/${key.namespace}/${key.name}`;
}

function label(key: ResourceKey): string {
  return `${key.kind} "${key.namespace}/${key.name}"`;
}

function checkPrecondition(key: ResourceKey, row: LockedRow, expected: string | undefined): void {
  const stored = String(row.resource_version);
  if (expected !== undefined && expected !== stored) {
    throw new StoreError(
      'Conflict',
      `${label(key)} was changed since you read it: you sent resourceVersion ${JSON.stringify(expected)}, the stored one is "${stored}"`,
      'read it again and reapply your change on top of the current version',
    );
  }
}

function alreadyExists(key: ResourceKey): StoreError {
  return new StoreError('AlreadyExists', `${label(key)} already exists`, 'use PUT (`pai apply -f`) to replace it, or delete it first');
}

function staleOnMissing(key: ResourceKey, expected: string): StoreError {
  return new StoreError(
    'Conflict',
    `${label(key)} does not exist, but the request expects resourceVersion ${JSON.stringify(expected)}`,
    'it was deleted since you read it; drop metadata.resourceVersion to create it again',
  );
}

function notFound(key: ResourceKey): StoreError {
  return new StoreError(
    'NotFound',
    `${label(key)} not found`,
    `list what exists with \`pai get ${kindInfo(key.kind)?.plural ?? key.kind} -n ${key.namespace}\``,
  );
}
