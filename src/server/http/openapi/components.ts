import { API_ERROR_STATUS } from '../api-error.js';

/** Shared OpenAPI schemas of the control-plane API (everything but the kinds' own schemas). */
export function sharedSchemas(): Record<string, unknown> {
  return {
    Error: {
      type: 'object',
      description: 'Every error response, whatever the status.',
      required: ['error'],
      properties: {
        error: {
          type: 'object',
          required: ['status', 'reason', 'message'],
          properties: {
            status: { type: 'integer' },
            reason: { enum: Object.keys(API_ERROR_STATUS) },
            message: { type: 'string', description: 'One sentence; never contains a secret value.' },
            hint: { type: 'string', description: 'What to do about it.' },
            diagnostics: { type: 'array', items: { $ref: '#/components/schemas/Diagnostic' }, description: "For 422 Invalid: the compiler's diagnostics." },
            operation: { type: 'integer', description: 'In a batch: the 0-based index of the operation that failed.' },
            dependents: {
              type: 'array',
              description: 'For 409 InUse: the resources that still name the one a delete was refused for.',
              items: {
                type: 'object',
                required: ['kind', 'namespace', 'name', 'pointer'],
                properties: { kind: { type: 'string' }, namespace: { type: 'string' }, name: { type: 'string' }, pointer: { type: 'string' } },
              },
            },
          },
        },
      },
    },
    Diagnostic: {
      type: 'object',
      required: ['code', 'severity', 'message'],
      properties: {
        code: { type: 'string', description: 'A stable code of src/api/diagnostic-codes.ts, e.g. schema-unknown-field.' },
        severity: { enum: ['error', 'warning'] },
        message: { type: 'string' },
        hint: { type: 'string' },
        pointer: { type: 'string', description: 'JSON pointer of the offending node, e.g. /spec/models/0.' },
        resource: { type: 'object', properties: { kind: { type: 'string' }, namespace: { type: 'string' }, name: { type: 'string' } } },
      },
    },
    ListMetadata: {
      type: 'object',
      required: ['resourceVersion'],
      properties: { resourceVersion: { type: 'string', description: 'The store-wide version when the list was read.' } },
    },
    BatchRequest: {
      type: 'object',
      required: ['operations'],
      properties: {
        operations: {
          type: 'array',
          minItems: 1,
          maxItems: 1000,
          items: {
            type: 'object',
            required: ['op', 'resource'],
            properties: {
              op: { enum: ['create', 'put', 'delete'] },
              resource: { type: 'object', description: 'A manifest; for delete, kind and metadata.{namespace,name,resourceVersion?} suffice.' },
            },
          },
        },
      },
    },
    BatchResponse: {
      type: 'object',
      required: ['results'],
      properties: {
        results: {
          type: 'array',
          items: {
            type: 'object',
            required: ['op', 'status', 'resource'],
            properties: { op: { enum: ['create', 'put', 'delete'] }, status: { type: 'integer' }, resource: { type: 'object' } },
          },
        },
      },
    },
    TokenInfo: {
      type: 'object',
      required: ['name', 'role', 'createdAt', 'expiresAt', 'lastUsed'],
      properties: {
        name: { type: 'string' },
        role: { $ref: '#/components/schemas/AdminRole' },
        createdAt: { type: 'string', format: 'date-time' },
        expiresAt: { type: ['string', 'null'], format: 'date-time', description: 'null: never expires' },
        lastUsed: { type: ['string', 'null'], format: 'date-time' },
      },
    },
    TokenList: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: { $ref: '#/components/schemas/TokenInfo' } } } },
    TokenCreateRequest: {
      type: 'object',
      required: ['name'],
      additionalProperties: false,
      properties: {
        name: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$', maxLength: 63 },
        role: { $ref: '#/components/schemas/AdminRole', description: 'default admin' },
        expiresAt: { type: 'string', format: 'date-time', description: 'when the token stops working (401 TokenExpired); in the future; default never' },
      },
    },
    AdminRole: {
      enum: ['read', 'apply', 'admin'],
      description: 'read: GET and LIST everything (no route returns secret values); apply: also write resources and Secrets; admin: also manage admin tokens and AccessKey keys',
    },
    TokenCreated: {
      type: 'object',
      required: ['name', 'token', 'role', 'expiresAt'],
      properties: {
        name: { type: 'string' },
        token: { type: 'string', description: 'pai_tok_…; shown only in this response.' },
        role: { $ref: '#/components/schemas/AdminRole' },
        expiresAt: { type: ['string', 'null'], format: 'date-time' },
      },
    },
    TokenRevoked: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
    WhoAmI: {
      type: 'object',
      required: ['kind', 'name', 'role'],
      properties: { kind: { const: 'AdminToken' }, name: { type: 'string' }, role: { $ref: '#/components/schemas/AdminRole' } },
    },
    Health: { type: 'object', required: ['status'], properties: { status: { const: 'ok' } } },
    Readiness: { type: 'object', required: ['status'], properties: { status: { enum: ['ready', 'unavailable'] }, message: { type: 'string' } } },
  };
}

/** An error response of the given statuses, each described. */
export function errorResponses(statuses: Record<number, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [status, description] of Object.entries(statuses)) {
    out[status] = { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
  }
  return out;
}

/** A JSON response body. */
export function jsonResponse(description: string, schema: unknown): Record<string, unknown> {
  return { description, content: { 'application/json': { schema } } };
}
