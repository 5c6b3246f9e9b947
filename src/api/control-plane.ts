import type { KindInfo } from './kinds.js';
import type {
  BatchOperation,
  BatchResult,
  CreatedToken,
  Manifest,
  PutResult,
  Resource,
  ResourceList,
  TokenInfo,
  TokenOptions,
  WhoAmI,
} from './wire.js';

/** A kind as callers name it: its KindInfo, its kind (`ModelProvider`) or any alias (`mp`). */
export type KindRef = KindInfo | string;

/** How to delete: only at this resourceVersion (a plan's prune); even while others use it (`--force`). */
export interface DeleteOptions {
  resourceVersion?: string;
  force?: boolean;
}

/**
 * The control plane's REST API (docs/api.md) as the rest of pai uses it. The compiler's apply
 * stage and the commands depend on this contract; the CLI's HTTP client implements it.
 */
export interface ControlPlane {
  /**
   * A whole kind in one call: one namespace, or every namespace when `namespace` is omitted.
   * `omitLastApplied` leaves pai's last-applied annotation out of the items (half their size).
   */
  list(kind: KindRef, namespace?: string, options?: { omitLastApplied?: boolean }): Promise<ResourceList>;
  get(kind: KindRef, namespace: string, name: string): Promise<Resource>;
  /** Creates; a ControlPlaneError with reason AlreadyExists (409) when it exists. */
  create(manifest: Manifest): Promise<Resource>;
  /** Creates or replaces; with `metadata.resourceVersion` only if it still matches (else 409). */
  put(manifest: Manifest): Promise<PutResult>;
  delete(kind: KindRef, namespace: string, name: string, options?: DeleteOptions): Promise<Resource>;
  /** All operations in one transaction: all are written or none. */
  batch(operations: BatchOperation[]): Promise<BatchResult[]>;
  whoami(): Promise<WhoAmI>;
  tokens: {
    list(): Promise<TokenInfo[]>;
    create(name: string, options?: TokenOptions): Promise<CreatedToken>;
    revoke(name: string): Promise<void>;
  };
}
