import type { FastifyInstance } from 'fastify';
import { DEFAULT_NAMESPACE, kindInfo } from '../../../api/kinds.js';
import type { ResourceStore } from '../../store/resource-store.js';
import type { ResourceWrite } from '../../store/resource-writer.js';
import type { ResourceDocument } from '../../store/resource-document.js';
import { keyId, type ResourceKey } from '../../../api/diagnostic.js';

import { admit } from '../admission.js';
import { asApiError, badRequest } from '../api-error.js';
import { access } from '../auth.js';
import { requireObjectBody } from '../json-body.js';
import { requireDnsLabel } from '../names.js';
import { parseWriteRequest, readResourceVersion } from '../write-request.js';
import { addWarnings } from '../warning-header.js';
import { sendJson } from './resources.js';

/** The most operations one batch may hold (the 1 MiB body limit applies as well). */
export const MAX_BATCH_OPERATIONS = 1000;

type Operation = { op: 'create' | 'put'; write: ResourceWrite } | { op: 'delete'; key: ResourceKey; expectedResourceVersion?: string };

/**
 * `POST /v1/batch`: several writes, all or nothing, in one transaction. Every operation is parsed
 * and validated before the transaction starts; the first failure answers with its own status and
 * error (plus `operation`, its index) and nothing is written.
 */
export function registerBatchRoute(app: FastifyInstance, resources: ResourceStore): void {
  app.post('/v1/batch', access('apply'), async (req, reply) => {
    const body = requireObjectBody(req.body, '{"operations": [...]}');
    const raw = body.operations;
    if (!Array.isArray(raw) || raw.length === 0)
      throw badRequest('"operations" must be a non-empty array', 'send {"operations": [{"op": "create", "resource": {…}}]}');
    if (raw.length > MAX_BATCH_OPERATIONS) throw badRequest(`a batch holds at most ${MAX_BATCH_OPERATIONS} operations`, 'split it into several batches');
    const operations = raw.map((entry, index) => atOperation(index, () => parseOperation(entry)));
    const results = await resources.write(async (w) => {
      // The batch is admitted as a whole: objects may name each other, and go away together.
      const writes = operations.flatMap((op) => (op.op === 'delete' ? [] : [op.write]));
      const deletes = operations.flatMap((op) => (op.op === 'delete' ? [op.key] : []));
      const operationOf = (key: ResourceKey) => {
        const index = operations.findIndex((op) => keyId(op.op === 'delete' ? op.key : op.write.key) === keyId(key));
        return index >= 0 ? index : undefined;
      };
      addWarnings(reply, await admit(w, { writes, deletes, operationOf }));
      const out: Array<{ op: string; status: number; resource: ResourceDocument }> = [];
      for (const [index, op] of operations.entries()) {
        await atOperation(index, async () => {
          if (op.op === 'delete') out.push({ op: op.op, status: 200, resource: (await w.remove(op.key, op.expectedResourceVersion)).doc });
          else if (op.op === 'create') out.push({ op: op.op, status: 201, resource: (await w.create(op.write)).doc });
          else {
            const r = await w.put(op.write);
            out.push({ op: op.op, status: r.created ? 201 : 200, resource: r.resource.doc });
          }
        });
      }
      return out;
    });
    return sendJson(reply, 200, JSON.stringify({ results }));
  });
}

function parseOperation(entry: unknown): Operation {
  const e = requireObjectBody(entry, 'each operation is {"op", "resource"}');
  const op = e.op;
  if (op !== 'create' && op !== 'put' && op !== 'delete') throw badRequest('"op" must be "create", "put" or "delete"');
  const resource = requireObjectBody(e.resource, 'the operation\'s "resource" must be a manifest');
  const kind = typeof resource.kind === 'string' ? kindInfo(resource.kind) : undefined;
  if (!kind)
    throw badRequest("the resource's kind is missing or not a pai.io/v1 kind", 'use one of Secret, GuardBinding, ModelProvider, Provider, Agent, AccessKey');
  const metadata = (resource.metadata && typeof resource.metadata === 'object' ? resource.metadata : {}) as Record<string, unknown>;
  const namespace = requireDnsLabel(metadata.namespace ?? DEFAULT_NAMESPACE, 'namespace', 'of the resource');
  if (op === 'delete') {
    const expected = readResourceVersion(metadata.resourceVersion);
    return {
      op,
      key: { kind: kind.kind, namespace, name: requireDnsLabel(metadata.name, 'name', 'of the resource') },
      ...(expected !== undefined ? { expectedResourceVersion: expected } : {}),
    };
  }
  return { op, write: parseWriteRequest(resource, { kind, namespace }) };
}

/** Runs one operation's step and tags a failure with the operation's index. */
function atOperation<T>(index: number, fn: () => T): T {
  const tag = (err: unknown): never => {
    const apiError = asApiError(err);
    if (apiError.reason === 'Internal') throw err;
    apiError.operation = index;
    throw apiError;
  };
  try {
    const result = fn();
    if (result instanceof Promise) return result.catch(tag) as T;
    return result;
  } catch (err) {
    return tag(err);
  }
}
