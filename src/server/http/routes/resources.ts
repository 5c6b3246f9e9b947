import type { FastifyInstance, FastifyReply } from 'fastify';
import { API_VERSION, KINDS, type KindInfo } from '../../../api/kinds.js';
import { LAST_APPLIED_PARAM } from '../../../api/list-params.js';
import type { ListView, ResourceStore } from '../../store/resource-store.js';
import { admit } from '../admission.js';
import { ApiError, badRequest } from '../api-error.js';
import { access } from '../auth.js';
import { requireDnsLabel } from '../names.js';
import { addWarnings } from '../warning-header.js';
import { parseWriteRequest, readResourceVersion } from '../write-request.js';

interface NsParams {
  namespace: string;
}
interface ListQuery {
  omit?: string;
}
interface NameParams extends NsParams {
  name: string;
}

/**
 * The per-kind REST routes (`/v1/{plural}`, `/v1/namespaces/{ns}/{plural}[/{name}]`), registered
 * one set per kind so that each appears in the OpenAPI document with its own schema. Stored JSON
 * goes out as stored: reads never parse documents.
 */
export function registerResourceRoutes(app: FastifyInstance, resources: ResourceStore): void {
  for (const kind of KINDS) {
    const collection = `/v1/namespaces/:namespace/${kind.plural}`;

    app.get<{ Querystring: ListQuery }>(`/v1/${kind.plural}`, access('read'), async (req, reply) => sendList(reply, kind, await resources.list(kind.kind, undefined, listView(req.query))));

    app.get<{ Params: NsParams; Querystring: ListQuery }>(collection, access('read'), async (req, reply) => {
      const namespace = requireDnsLabel(req.params.namespace, 'namespace');
      return sendList(reply, kind, await resources.list(kind.kind, namespace, listView(req.query)));
    });

    app.post<{ Params: NsParams }>(collection, access('apply'), async (req, reply) => {
      const namespace = requireDnsLabel(req.params.namespace, 'namespace');
      const write = parseWriteRequest(req.body, { kind, namespace });
      const stored = await resources.write(async (w) => {
        addWarnings(reply, await admit(w, { writes: [write], deletes: [] }));
        return w.create(write);
      });
      return sendJson(reply, 201, stored.json);
    });

    app.get<{ Params: NameParams }>(`${collection}/:name`, access('read'), async (req, reply) => {
      const key = { kind: kind.kind, ...keyParams(req.params) };
      const json = await resources.get(key);
      if (json === undefined) throw notFound(kind, key.namespace, key.name);
      return sendJson(reply, 200, json);
    });

    app.put<{ Params: NameParams }>(`${collection}/:name`, access('apply'), async (req, reply) => {
      const { namespace, name } = keyParams(req.params);
      const write = parseWriteRequest(req.body, { kind, namespace, name });
      const result = await resources.write(async (w) => {
        addWarnings(reply, await admit(w, { writes: [write], deletes: [] }));
        return w.put(write);
      });
      return sendJson(reply, result.created ? 201 : 200, result.resource.json);
    });

    app.delete<{ Params: NameParams; Querystring: { resourceVersion?: string; force?: string } }>(`${collection}/:name`, access('apply'), async (req, reply) => {
      const key = { kind: kind.kind, ...keyParams(req.params) };
      const expected = readResourceVersion(req.query.resourceVersion);
      const force = readForce(req.query.force);
      const removed = await resources.write(async (w) => {
        await admit(w, { writes: [], deletes: [key], force });
        return w.remove(key, expected);
      });
      return sendJson(reply, 200, removed.json);
    });
  }
}

/** `?omit=last-applied` leaves pai's last-applied annotation out of every item (plan asks so). */
function listView(query: ListQuery): ListView {
  if (query.omit === undefined) return 'full';
  if (query.omit === LAST_APPLIED_PARAM) return 'without-last-applied';
  throw badRequest(`omit=${JSON.stringify(query.omit)} is not supported`, `the only value is omit=${LAST_APPLIED_PARAM}`);
}

/** `?force=true` deletes a resource that others still use. */
function readForce(value: string | undefined): boolean {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  throw badRequest(`force=${JSON.stringify(value)} is not supported`, 'use force=true or leave it out');
}

function keyParams(params: NameParams): { namespace: string; name: string } {
  return { namespace: requireDnsLabel(params.namespace, 'namespace'), name: requireDnsLabel(params.name, 'name') };
}

function notFound(kind: KindInfo, namespace: string, name: string): ApiError {
  return new ApiError('NotFound', `${kind.kind} "${namespace}/${name}" not found`, `list what exists with \`pai get ${kind.plural} -n ${namespace}\``);
}

/** Assembles the list response around the stored documents without parsing them. */
function sendList(reply: FastifyReply, kind: KindInfo, listing: { resourceVersion: string; itemsJson: string }): FastifyReply {
  const head = `{"apiVersion":${JSON.stringify(API_VERSION)},"kind":${JSON.stringify(kind.kind + 'List')},"metadata":{"resourceVersion":${JSON.stringify(listing.resourceVersion)}},"items":[`;
  return sendJson(reply, 200, head + listing.itemsJson + ']}');
}

/** Sends JSON text as is (fastify would otherwise re-serialise a string as a JSON string). */
export function sendJson(reply: FastifyReply, status: number, json: string): FastifyReply {
  return reply.status(status).type('application/json; charset=utf-8').send(json);
}
