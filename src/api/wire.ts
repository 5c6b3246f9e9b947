/**
 * The control plane's wire shapes as the CLI sees them (docs/api.md). They are plain JSON: the
 * client does not re-validate resources, the server is the authority on what it stores.
 */

/** Metadata of a stored resource: client-owned name/namespace/annotations, the rest server-owned. */
export interface ResourceMetadata {
  name: string;
  namespace: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  uid: string;
  resourceVersion: string;
  generation: number;
  creationTimestamp: string;
}

/** A resource as the server returns it. Secrets carry no values: `status.keys` has fingerprints. */
export interface Resource {
  apiVersion: string;
  kind: string;
  metadata: ResourceMetadata;
  spec: Record<string, unknown>;
  status?: Record<string, unknown>;
}

/** What a client sends: a manifest. Server-owned metadata and status are ignored by the server. */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    annotations?: Record<string, string>;
    resourceVersion?: string;
    [field: string]: unknown;
  };
  spec?: Record<string, unknown>;
  [field: string]: unknown;
}

/** A whole kind (in one namespace or all of them), with the store's version at the time. */
export interface ResourceList {
  apiVersion: string;
  kind: string;
  metadata: { resourceVersion: string };
  items: Resource[];
}

/** One entry of `status.keys` on a Secret. */
export interface SecretKeyStatus {
  name: string;
  fingerprint: string;
}

/** One step of an all-or-nothing `POST /v1/batch`. */
export type BatchOperation =
  | { op: 'create' | 'put'; resource: Manifest }
  | { op: 'delete'; resource: { kind: string; metadata: { name: string; namespace?: string; resourceVersion?: string } } };

/** What the batch did for one operation, in the order they were sent. */
export interface BatchResult {
  op: BatchOperation['op'];
  status: number;
  resource: Resource;
}

/** What an admin token may do: `read` < `apply` < `admin` (docs/api.md). */
export type TokenRole = 'read' | 'apply' | 'admin';

/** `GET /v1/whoami`: who the admin token belongs to, and its role. */
export interface WhoAmI {
  kind: string;
  name: string;
  role: TokenRole;
}

/** An admin token as listed: never the token itself. */
export interface TokenInfo {
  name: string;
  role: TokenRole;
  createdAt: string;
  /** null: never expires. */
  expiresAt: string | null;
  lastUsed: string | null;
}

/** How to make an admin token: its role (the server's default is admin) and expiry. */
export interface TokenOptions {
  role?: TokenRole;
  expiresAt?: string;
}

/** The answer to `POST /v1/tokens`: the only time the token is ever shown. */
export interface CreatedToken {
  name: string;
  token: string;
  role: TokenRole;
  expiresAt: string | null;
}

/** The result of a PUT: the stored resource, and whether the PUT created it (201) or replaced it. */
export interface PutResult {
  resource: Resource;
  created: boolean;
}

/** How an access key fared against the LLM gateway (`pai login --access-key`). */
export type AccessKeyProbe = { outcome: 'accepted'; accessKeyName?: string } | { outcome: 'no-gateway' };

/** The answer to minting or rotating an AccessKey's key: the only time the key is ever shown. */
export interface MintedAccessKey {
  /** The raw `pak_…` key. */
  key: string;
  /** The AccessKey as stored; `status.keyId` identifies the new key. */
  accessKey: Resource;
}
