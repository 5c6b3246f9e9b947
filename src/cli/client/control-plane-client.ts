import type { ControlPlane, DeleteOptions, KindRef } from '../../api/control-plane.js';
import { DEFAULT_NAMESPACE, kindInfo, resolveKindAlias, type KindInfo } from '../../api/kinds.js';
import { ACCESS_KEY_NAME_HEADER, LAST_APPLIED_PARAM } from '../../api/list-params.js';
import type { RequestLogPage, UsageReport } from '../../api/observability.generated.js';
import { errorFromAnswer, Transport, type TransportOptions } from './transport.js';
import type {
  AccessKeyProbe,
  BatchOperation,
  BatchResult,
  CreatedToken,
  Manifest,
  MintedAccessKey,
  PutResult,
  Resource,
  ResourceList,
  TokenInfo,
  TokenOptions,
  WhoAmI,
} from '../../api/wire.js';

/** Resolves a KindRef; an unknown kind here is a programming error (commands resolve user input first). */
export function toKindInfo(ref: KindRef): KindInfo {
  if (typeof ref !== 'string') return ref;
  const info = kindInfo(ref) ?? resolveKindAlias(ref);
  if (!info) throw new Error(`unknown kind ${JSON.stringify(ref)}`);
  return info;
}

const segment = (value: string) => encodeURIComponent(value);

/**
 * The HTTP client of the control plane REST API (docs/api.md), built on Node's http (cli/client/transport.ts). Every method
 * either returns the server's answer or throws ControlPlaneError (the server said no) or
 * ControlPlaneUnreachableError (no answer). Call `close()` when done.
 */
export class ControlPlaneClient implements ControlPlane {
  private readonly transport: Transport;

  constructor(options: TransportOptions) {
    this.transport = new Transport(options);
  }

  get baseUrl(): string {
    return this.transport.baseUrl;
  }

  async list(kind: KindRef, namespace?: string, options: { omitLastApplied?: boolean } = {}): Promise<ResourceList> {
    const { plural } = toKindInfo(kind);
    const path = namespace === undefined ? `/v1/${plural}` : `/v1/namespaces/${segment(namespace)}/${plural}`;
    const query = options.omitLastApplied ? `?omit=${LAST_APPLIED_PARAM}` : '';
    return (await this.transport.send({ method: 'GET', path: path + query })).body as ResourceList;
  }

  async get(kind: KindRef, namespace: string, name: string): Promise<Resource> {
    return (await this.transport.send({ method: 'GET', path: itemPath(toKindInfo(kind), namespace, name) })).body as Resource;
  }

  async create(manifest: Manifest): Promise<Resource> {
    const info = toKindInfo(manifest.kind);
    const path = `/v1/namespaces/${segment(namespaceOf(manifest))}/${info.plural}`;
    return (await this.transport.send({ method: 'POST', path, body: manifest })).body as Resource;
  }

  async put(manifest: Manifest): Promise<PutResult> {
    const path = itemPath(toKindInfo(manifest.kind), namespaceOf(manifest), manifest.metadata.name);
    const answer = await this.transport.send({ method: 'PUT', path, body: manifest });
    return { resource: answer.body as Resource, created: answer.status === 201 };
  }

  async delete(kind: KindRef, namespace: string, name: string, options: DeleteOptions = {}): Promise<Resource> {
    const query = [
      ...(options.resourceVersion !== undefined ? [`resourceVersion=${segment(options.resourceVersion)}`] : []),
      ...(options.force ? ['force=true'] : []),
    ];
    const path = itemPath(toKindInfo(kind), namespace, name) + (query.length > 0 ? `?${query.join('&')}` : '');
    return (await this.transport.send({ method: 'DELETE', path })).body as Resource;
  }

  async batch(operations: BatchOperation[]): Promise<BatchResult[]> {
    const answer = await this.transport.send({ method: 'POST', path: '/v1/batch', body: { operations } });
    return (answer.body as { results: BatchResult[] }).results;
  }

  /** Gateway usage per UTC day (`pai usage`): GET /v1/usage. */
  async usage(query: { days?: number; by?: UsageReport['by'] } = {}): Promise<UsageReport> {
    return (await this.transport.send({ method: 'GET', path: `/v1/usage${queryString(query)}` })).body as UsageReport;
  }

  /** One page of the gateway's request log, newest first (`pai logs`): GET /v1/requests. */
  async requests(query: Record<string, string | number | boolean | undefined> = {}): Promise<RequestLogPage> {
    return (await this.transport.send({ method: 'GET', path: `/v1/requests${queryString(query)}` })).body as RequestLogPage;
  }

  async whoami(): Promise<WhoAmI> {
    return (await this.transport.send({ method: 'GET', path: '/v1/whoami' })).body as WhoAmI;
  }

  readonly tokens = {
    list: async (): Promise<TokenInfo[]> => ((await this.transport.send({ method: 'GET', path: '/v1/tokens' })).body as { items: TokenInfo[] }).items,
    create: async (name: string, options: TokenOptions = {}): Promise<CreatedToken> =>
      (await this.transport.send({ method: 'POST', path: '/v1/tokens', body: { name, ...options } })).body as CreatedToken,
    revoke: async (name: string): Promise<void> => {
      await this.transport.send({ method: 'DELETE', path: `/v1/tokens/${segment(name)}` });
    },
  };

  /** The keys of AccessKeys (`pai access-key`): minted, rotated and revoked by the server. */
  readonly accessKeys = {
    /** Mints a key for an AccessKey (a new key replaces the old one); with `create`, the AccessKey
     * is created in the same transaction. The key is in this answer only. Never retried (POST). */
    mint: async (namespace: string, name: string, create?: Manifest): Promise<MintedAccessKey> => {
      const body = create ? { create } : {};
      return (await this.transport.send({ method: 'POST', path: accessKeyKeysPath(namespace, name), body })).body as MintedAccessKey;
    },
    /** Revokes the key of an AccessKey; the AccessKey stays. */
    revoke: async (namespace: string, name: string): Promise<Resource> =>
      ((await this.transport.send({ method: 'DELETE', path: accessKeyKeysPath(namespace, name) })).body as { accessKey: Resource }).accessKey,
  };

  /**
   * Checks an access key against the LLM gateway (`GET /ext/v1/models`), and learns the name of its
   * AccessKey. 'no-gateway' when this server has no gateway route yet (404); a rejected key throws
   * ControlPlaneError (401/403) with the gateway's reason.
   */
  async probeAccessKey(accessKey: string): Promise<AccessKeyProbe> {
    const call = { method: 'GET' as const, path: '/ext/v1/models', bearer: accessKey };
    const answer = await this.transport.sendRaw(call);
    if (answer.status >= 200 && answer.status < 300) {
      const name = answer.headers?.[ACCESS_KEY_NAME_HEADER];
      return typeof name === 'string' && name ? { outcome: 'accepted', accessKeyName: name } : { outcome: 'accepted' };
    }
    if (answer.status === 404) return { outcome: 'no-gateway' };
    throw errorFromAnswer(answer, call);
  }

  async close(): Promise<void> {
    await this.transport.close();
  }
}

function itemPath(info: KindInfo, namespace: string, name: string): string {
  return `/v1/namespaces/${segment(namespace)}/${info.plural}/${segment(name)}`;
}

function accessKeyKeysPath(namespace: string, name: string): string {
  return `/v1/namespaces/${segment(namespace)}/accesskeys/${segment(name)}/keys`;
}

function namespaceOf(manifest: Manifest): string {
  return manifest.metadata.namespace ?? DEFAULT_NAMESPACE;
}

/** `?a=1&b=x` of the defined values ('' when none). */
function queryString(query: Record<string, string | number | boolean | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}
