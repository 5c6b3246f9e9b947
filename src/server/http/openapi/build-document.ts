import { gatewayPaths, gatewaySchemas } from '../../gateway/openapi-paths.js';
import { KINDS } from '../../../api/kinds.js';
import { LAST_APPLIED_PARAM } from '../../../api/list-params.js';
import { errorResponses, jsonResponse, sharedSchemas } from './components.js';

/** The JSON Schemas of schemas/, by file name (`modelprovider.schema.json` …; `output/…` for response shapes). */
export type SchemaFiles = Record<string, Record<string, unknown>>;

const AUTH_ERRORS = {
  401: 'no, unknown, revoked or expired (TokenExpired) admin token',
  403: 'an AccessKey (pak_…) instead of an admin token, or a token whose role is below the route\'s x-pai-role',
};
/** The least admin-token role an operation needs (`read` < `apply` < `admin`), as each route
 * declares it (src/server/http/auth.ts); a test keeps the two equal. */
const role = (r: 'read' | 'apply' | 'admin') => ({ 'x-pai-role': r });
const WRITE_ERRORS = {
  ...AUTH_ERRORS,
  400: 'malformed body, or it disagrees with the path',
  413: 'body over 1 MiB',
  415: 'not application/json',
  422: 'invalid manifest, or refused by admission (diagnostics with the compiler codes)',
};
/** Admission warnings (e.g. a deprecated model) with a successful write, as Kubernetes sends them. */
const warningHeaders = {
  Warning: { description: 'One per admission warning: `299 - "<Kind> <ns>/<name>: <message> (<code>)"`.', schema: { type: 'string' } },
};
const forceParam = { name: 'force', in: 'query', required: false, description: 'Delete even while other resources name it.', schema: { enum: ['true', 'false'] } };
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const nsParam = { name: 'namespace', in: 'path', required: true, schema: { $ref: '#/components/schemas/DnsLabel' } };
const nameParam = { name: 'name', in: 'path', required: true, schema: { $ref: '#/components/schemas/DnsLabel' } };
const omitParam = {
  name: 'omit',
  in: 'query',
  required: false,
  description: "`last-applied` leaves the `pai.io/last-applied` annotation out of every item (pai plan reads it only for the objects that changed)",
  schema: { type: 'string', enum: [LAST_APPLIED_PARAM] },
};

/**
 * The OpenAPI 3.1 document of the control-plane API, built from KINDS and the kinds' JSON Schemas
 * (embedded with their `$id`s, so that their relative `$ref`s resolve and the document stands
 * alone). `openapi.json` at the repository root is this function's output; a test keeps them equal
 * and regenerates the file with UPDATE_OPENAPI=1.
 */
export function buildOpenApiDocument(schemas: SchemaFiles, version: string): Record<string, unknown> {
  const components: Record<string, unknown> = {
    ...sharedSchemas(),
    DnsLabel: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$', maxLength: 63 },
    common: schemas['common.schema.json'],
    UsageReport: schemas['output/usage-report.schema.json'],
    RequestLogPage: schemas['output/request-log.schema.json'],
  };
  const paths: Record<string, unknown> = {
    '/healthz': { get: { summary: 'Ready check (no credential)', security: [], responses: { 200: jsonResponse('the store is ready', ref('Health')) } } },
    '/readyz': {
      get: {
        summary: 'Ready check (no credential): 503 while the store does not answer',
        security: [],
        responses: { 200: jsonResponse('the store answers', ref('Readiness')), 503: jsonResponse('the store does not answer within 2 s', ref('Readiness')) },
      },
    },
    '/openapi.json': { get: { summary: 'This document (no credential)', security: [], responses: { 200: jsonResponse('OpenAPI 3.1', { type: 'object' }) } } },
    '/ui': { get: { summary: 'The read-only usage page (no credential: it holds no data; it asks for an admin token and calls /v1/usage and /v1/requests)', security: [], responses: { 200: { description: 'the page', content: { 'text/html': { schema: { type: 'string' } } } } } } },
    '/ui/{asset}': {
      get: {
        summary: "The usage page's scripts, styles and icon (no credential)",
        security: [],
        parameters: [{ name: 'asset', in: 'path', required: true, schema: { type: 'string', enum: ['app.js', 'app.css', 'favicon.svg', 'uplot.js', 'uplot.css'] } }],
        responses: { 200: { description: 'the file', content: { 'text/javascript': { schema: { type: 'string' } }, 'text/css': { schema: { type: 'string' } }, 'image/svg+xml': { schema: { type: 'string' } } } }, ...errorResponses({ 404: 'no such file' }) },
      },
    },
    '/v1/whoami': {
      get: {
        summary: 'The admin token used and its role (lets `pai login` check it)',
        ...role('read'),
        responses: { 200: jsonResponse('the caller', ref('WhoAmI')), ...errorResponses(AUTH_ERRORS) },
      },
    },
    '/v1/batch': {
      post: {
        summary: 'Several writes, all or nothing, in one transaction',
        ...role('apply'),
        requestBody: { required: true, content: { 'application/json': { schema: ref('BatchRequest') } } },
        responses: {
          200: { ...jsonResponse('every operation applied', ref('BatchResponse')), headers: warningHeaders },
          ...errorResponses({ ...WRITE_ERRORS, 404: 'a delete of a missing resource', 409: 'exists already, stale resourceVersion, or a delete of something still in use (InUse)' }),
        },
      },
    },
    '/v1/tokens': {
      get: { summary: 'List admin tokens (never the tokens)', ...role('read'), responses: { 200: jsonResponse('tokens', ref('TokenList')), ...errorResponses(AUTH_ERRORS) } },
      post: {
        summary: 'Create an admin token (shown only in this response), with a role (default admin) and an optional expiry',
        ...role('admin'),
        requestBody: { required: true, content: { 'application/json': { schema: ref('TokenCreateRequest') } } },
        responses: { 201: jsonResponse('the new token', ref('TokenCreated')), ...errorResponses({ ...AUTH_ERRORS, 400: 'bad name', 409: 'the name exists' }) },
      },
    },
    '/v1/tokens/{name}': {
      delete: {
        summary: 'Revoke an admin token (never the last unexpired admin-role one)',
        ...role('admin'),
        parameters: [nameParam],
        responses: { 200: jsonResponse('revoked', ref('TokenRevoked')), ...errorResponses({ ...AUTH_ERRORS, 404: 'no such token', 409: 'the last admin-role token' }) },
      },
    },
  };
  for (const kind of KINDS) {
    components[kind.kind] = schemas[kind.schemaFile];
    components[`${kind.kind}List`] = {
      type: 'object',
      required: ['apiVersion', 'kind', 'metadata', 'items'],
      properties: {
        apiVersion: { const: 'pai.io/v1' },
        kind: { const: `${kind.kind}List` },
        metadata: ref('ListMetadata'),
        items: { type: 'array', items: ref(kind.kind) },
      },
    };
    const one = jsonResponse(`the ${kind.kind} as stored`, ref(kind.kind));
    const list = jsonResponse(`${kind.kind}s sorted by namespace, name`, ref(`${kind.kind}List`));
    const body = { required: true, content: { 'application/json': { schema: ref(kind.kind) } } };
    const tag = [kind.kind];
    paths[`/v1/${kind.plural}`] = {
      get: { tags: tag, summary: `List ${kind.kind}s of all namespaces`, ...role('read'), parameters: [omitParam], responses: { 200: list, ...errorResponses({ ...AUTH_ERRORS, 400: 'bad omit' }) } },
    };
    paths[`/v1/namespaces/{namespace}/${kind.plural}`] = {
      parameters: [nsParam],
      get: { tags: tag, summary: `List ${kind.kind}s of a namespace`, ...role('read'), parameters: [omitParam], responses: { 200: list, ...errorResponses({ ...AUTH_ERRORS, 400: 'bad namespace or omit' }) } },
      post: {
        tags: tag,
        summary: `Create a ${kind.kind}`,
        ...role('apply'),
        requestBody: body,
        responses: { 201: { ...one, headers: warningHeaders }, ...errorResponses({ ...WRITE_ERRORS, 409: 'exists already' }) },
      },
    };
    paths[`/v1/namespaces/{namespace}/${kind.plural}/{name}`] = {
      parameters: [nsParam, nameParam],
      get: { tags: tag, summary: `Read a ${kind.kind}`, ...role('read'), responses: { 200: one, ...errorResponses({ ...AUTH_ERRORS, 400: 'bad name', 404: 'absent' }) } },
      put: {
        tags: tag,
        summary: `Replace or create a ${kind.kind} (metadata.resourceVersion, if sent, must match)`,
        ...role('apply'),
        requestBody: body,
        responses: { 200: { ...one, headers: warningHeaders }, 201: { ...one, description: 'created', headers: warningHeaders }, ...errorResponses({ ...WRITE_ERRORS, 409: 'stale resourceVersion' }) },
      },
      delete: {
        tags: tag,
        summary: `Delete a ${kind.kind}`,
        ...role('apply'),
        parameters: [{ name: 'resourceVersion', in: 'query', required: false, schema: { type: 'string', pattern: '^[0-9]+$' } }, forceParam],
        responses: {
          200: { ...one, description: 'the deleted resource' },
          ...errorResponses({ ...AUTH_ERRORS, 400: 'bad name', 404: 'absent', 409: 'stale resourceVersion, or other resources name it (InUse, with dependents)' }),
        },
      },
    };
  }
  Object.assign(paths, gatewayPaths());
  Object.assign(components, gatewaySchemas());
  return {
    openapi: '3.1.0',
    info: {
      title: 'pai control plane',
      version,
      description: 'The REST API of `pai server` (docs/api.md). Secrets never return values: GET shows keys and salted fingerprints.',
    },
    servers: [{ url: 'http://127.0.0.1:7070' }],
    security: [{ adminToken: [] }],
    paths,
    components: {
      securitySchemes: {
        adminToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'An admin token, pai_tok_…, whose role is at least the operation\'s x-pai-role (read < apply < admin); AccessKeys (pak_…) are refused with 403.',
        },
        accessKey: { type: 'http', scheme: 'bearer', description: 'An AccessKey, pak_… (the LLM gateway, /ext/; also accepted as x-api-key); admin tokens are refused with 403.' },
      },
      schemas: components,
    },
  };
}
