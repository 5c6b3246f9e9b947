import type { FastifyInstance } from 'fastify';
import { kindInfo } from '../../../api/kinds.js';
import { admit } from '../admission.js';
import { ApiError, badRequest } from '../api-error.js';
import { access } from '../auth.js';
import { requireObjectBody } from '../json-body.js';
import { requireDnsLabel } from '../names.js';
import { sendJson } from './resources.js';
import { addWarnings } from '../warning-header.js';
import { parseWriteRequest } from '../write-request.js';
import type { ResourceStore } from '../../store/resource-store.js';
import { hashAccessKey, keyIdOf, newAccessKey } from '../../gateway/access-keys/access-key-token.js';
import { deleteKeyHash, saveKeyHash } from '../../gateway/access-keys/key-hashes.js';

const ACCESS_KEY = kindInfo('AccessKey')!;

interface KeyParams {
  namespace: string;
  name: string;
}

/** What the key routes need: the resources, and who to tell when a key changes. */
export interface KeyRoutesDependencies {
  resources: ResourceStore;
  /** Called after a key was minted, rotated or revoked (the verifier's cache). */
  keysChanged: () => void;
  now: () => number;
}

/**
 * The AccessKey key routes of the control-plane API (admin tokens only, like all of `/v1/`):
 * - `POST …/accesskeys/{name}/keys` mints a key for the AccessKey — a new one replaces the old
 *   (rotation) — and answers it once, in this response. With `{"create": manifest}` the AccessKey
 *   is created in the same transaction: both exist afterwards, or neither.
 * - `DELETE …/accesskeys/{name}/keys` revokes the key; the AccessKey stays (rotate mints a new one).
 * Only the SHA-256 of the key is stored; `status.keyId` (8 hex digits of it) and
 * `status.keyCreatedAt` tell keys apart.
 */
export function registerKeyRoutes(app: FastifyInstance, deps: KeyRoutesDependencies): void {
  const path = `/v1/namespaces/:namespace/${ACCESS_KEY.plural}/:name/keys`;

  app.post<{ Params: KeyParams }>(path, access('admin'), async (req, reply) => {
    const { namespace, name } = keyParams(req.params);
    const body = req.body === undefined ? {} : requireObjectBody(req.body, '{} to rotate, or {"create": <AccessKey manifest>}');
    for (const field of Object.keys(body)) {
      if (field !== 'create') throw badRequest(`unknown field "${field}" in the request body`, 'send {} to mint a key, or {"create": <AccessKey manifest>}');
    }
    const create = body.create === undefined ? undefined : parseWriteRequest(body.create, { kind: ACCESS_KEY, namespace, name });
    const key = newAccessKey();
    const hash = hashAccessKey(key);
    const createdAt = new Date(deps.now()).toISOString();
    const stored = await deps.resources.write(async (w, tx) => {
      if (create) {
        // Checked like any write: the providers exist, allow external access and the models.
        addWarnings(reply, await admit(w, { writes: [create], deletes: [] }));
        await w.create(create);
      }
      // patchStatus also proves that the AccessKey exists (404 otherwise) and locks its row.
      const resource = await w.patchStatus({ kind: ACCESS_KEY.kind, namespace, name }, { keyId: keyIdOf(hash), keyCreatedAt: createdAt });
      await saveKeyHash(tx, namespace, name, hash, createdAt);
      return resource;
    });
    deps.keysChanged();
    return sendJson(reply, 201, `{"key":${JSON.stringify(key)},"accessKey":${stored.json}}`);
  });

  app.delete<{ Params: KeyParams }>(path, access('admin'), async (req, reply) => {
    const { namespace, name } = keyParams(req.params);
    const stored = await deps.resources.write(async (w, tx) => {
      const resource = await w.patchStatus({ kind: ACCESS_KEY.kind, namespace, name }, { keyId: null, keyCreatedAt: null });
      if (!(await deleteKeyHash(tx, namespace, name))) {
        throw new ApiError('NotFound', `AccessKey "${namespace}/${name}" has no key to revoke`, `mint one with \`pai access-key rotate ${name} -n ${namespace}\``);
      }
      return resource;
    });
    deps.keysChanged();
    return sendJson(reply, 200, `{"accessKey":${stored.json}}`);
  });
}

function keyParams(params: KeyParams): KeyParams {
  return { namespace: requireDnsLabel(params.namespace, 'namespace'), name: requireDnsLabel(params.name, 'name') };
}
