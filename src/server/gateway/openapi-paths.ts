import { ACCESS_KEY_NAME_HEADER } from '../../api/list-params.js';
import { MAX_TOKENS_LIMIT, MODEL_REF_MAX_LENGTH, MODEL_REF_PATTERN } from './protocol/request-body.js';

/**
 * The gateway's part of openapi.json: the AccessKey key routes (control-plane API, admin
 * tokens) and the LLM routes under `/ext/v1/` (AccessKeys only). Their request and response
 * bodies are the vendors' (OpenAI chat completions, Anthropic Messages), described loosely:
 * the gateway passes them through and changes only `model`, `max_tokens` and `stream_options`.
 */
export function gatewayPaths(): Record<string, unknown> {
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  const json = (description: string, schema: unknown) => ({ description, content: { 'application/json': { schema } } });
  const errors = (schema: string, statuses: Record<number, string>) =>
    Object.fromEntries(Object.entries(statuses).map(([status, description]) => [status, json(description, ref(schema))]));
  const keyParams = [
    { name: 'namespace', in: 'path', required: true, schema: ref('DnsLabel') },
    { name: 'name', in: 'path', required: true, schema: ref('DnsLabel') },
  ];
  const adminErrors = { 401: 'no, unknown, revoked or expired admin token', 403: 'an AccessKey instead of an admin token, or a token whose role is not admin' };
  const extSecurity = [{ accessKey: [] }];
  const llmErrors = {
    400: 'malformed request (not JSON, nested over 64 levels, a number out of its range, a model that is not visible ASCII); a prompt over the per-request limit; a request that cannot fit a daily budget even on an empty day (request_too_large)',
    401: 'no, unknown, revoked or expired AccessKey',
    403: 'an admin token; a model, provider or network the key may not use; externalAccess disabled; a guard blocked the prompt or the buffered answer',
    404: 'unknown model',
    429: 'daily_budget_exhausted (settled usage leaves too little today; Retry-After: seconds to midnight UTC, x-should-retry: false), budget_busy (the room is held by requests in flight; Retry-After: 1, x-should-retry: true), rate_limit_exceeded or concurrency_limit_exceeded (short, retryable)',
    502: 'the upstream failed after its retry policy and every fallback',
  };
  const readErrors = { 401: adminErrors[401], 403: 'an AccessKey instead of an admin token', 400: 'an unknown, repeated or malformed query parameter' };
  const query = (name: string, description: string, schema: Record<string, unknown> = { type: 'string' }) => ({ name, in: 'query', required: false, description, schema });
  return {
    '/v1/usage': {
      get: {
        tags: ['LLM gateway'],
        summary: 'Gateway usage per UTC day (requests, tokens, refusals) per ModelProvider, AccessKey or Agent, against their daily caps (`pai usage`)',
        'x-pai-role': 'read',
        parameters: [
          query('days', 'How many days, today included (default 14).', { type: 'integer', minimum: 1, maximum: 90 }),
          query('by', 'What to group by (default provider).', { enum: ['provider', 'accessKey', 'agent'] }),
        ],
        responses: { 200: json('the report', ref('UsageReport')), ...errors('Error', readErrors) },
      },
    },
    '/metrics': {
      get: {
        tags: ['LLM gateway'],
        summary: "The gateway's Prometheus metrics (text format); also on `pai server --metrics-port` (loopback, no token)",
        'x-pai-role': 'read',
        responses: {
          200: { description: 'Prometheus text exposition format 0.0.4', content: { 'text/plain': { schema: { type: 'string' } } } },
          ...errors('Error', { 401: adminErrors[401], 403: 'an AccessKey instead of an admin token', 404: 'metrics are off (--no-metrics)' }),
        },
      },
    },
    '/v1/requests': {
      get: {
        tags: ['LLM gateway'],
        summary: "The gateway's request log, every replica's, newest first, filtered, paged with before= and followed with after= (`pai logs`)",
        'x-pai-role': 'read',
        parameters: [
          query('since', 'From this time on (RFC 3339).', { type: 'string', format: 'date-time' }),
          query('until', 'Before this time (RFC 3339).', { type: 'string', format: 'date-time' }),
          query('accessKey', 'namespace/name of an AccessKey.'),
          query('agent', 'namespace/name of an Agent.'),
          query('provider', 'namespace/name of a ModelProvider.'),
          query('model', 'The model that served, provider/model-id.'),
          query('status', 'An HTTP status (429) or class (4xx).', { type: 'string', pattern: '^[1-5]([0-9][0-9]|xx)$' }),
          query('code', 'A gateway error code (daily_budget_exhausted …).'),
          query('refused', 'true: only requests answered with a gateway error code.', { enum: ['true', 'false'] }),
          query('fallback', 'true: only requests where a fallback was taken.', { enum: ['true', 'false'] }),
          query('limit', 'Page size (default 100).', { type: 'integer', minimum: 1, maximum: 1000 }),
          query('before', 'Only ids below this (the `next` of the previous page).', { type: 'integer', minimum: 0 }),
          query('after', 'Only ids above this (the `latest` of an earlier answer: follow).', { type: 'integer', minimum: 0 }),
        ],
        responses: { 200: json('one page', ref('RequestLogPage')), ...errors('Error', readErrors) },
      },
    },
    '/v1/namespaces/{namespace}/accesskeys/{name}/keys': {
      parameters: keyParams,
      post: {
        tags: ['AccessKey'],
        summary: 'Mint (or rotate) the key of an AccessKey; with {"create": manifest}, create the AccessKey in the same transaction. The key is in this response only.',
        'x-pai-role': 'admin',
        requestBody: { required: false, content: { 'application/json': { schema: ref('AccessKeyMintRequest') } } },
        responses: {
          201: json('the new key and the AccessKey', ref('AccessKeyMinted')),
          ...errors('Error', { ...adminErrors, 400: 'bad body', 404: 'no such AccessKey (without create)', 409: 'create: it exists', 422: 'create: invalid manifest' }),
        },
      },
      delete: {
        tags: ['AccessKey'],
        summary: 'Revoke the key of an AccessKey (the AccessKey stays)',
        'x-pai-role': 'admin',
        responses: { 200: json('revoked', ref('AccessKeyRevoked')), ...errors('Error', { ...adminErrors, 404: 'no such AccessKey, or it has no key' }) },
      },
    },
    '/ext/v1/models': {
      get: {
        tags: ['LLM gateway'],
        summary: 'The models this AccessKey may call, as <provider>/<model-id> (OpenAI list-models)',
        security: extSecurity,
        responses: {
          200: {
            ...json('models', ref('ModelList')),
            headers: { [ACCESS_KEY_NAME_HEADER]: { description: "the name of the caller's AccessKey (never the key); `pai login --access-key` names its context after it", schema: { type: 'string' } } },
          },
          ...errors('OpenAIError', { 401: llmErrors[401], 403: llmErrors[403] }),
        },
      },
    },
    '/ext/v1/chat/completions': {
      post: {
        tags: ['LLM gateway'],
        summary: 'OpenAI-compatible chat completions (buffered, or SSE with stream: true); model = <provider>/<model-id>, or default for Agent keys',
        security: extSecurity,
        requestBody: { required: true, content: { 'application/json': { schema: ref('ChatCompletionRequest') } } },
        responses: {
          200: { description: 'the completion (application/json) or its stream (text/event-stream); x-pai-model names the model that served it', content: { 'application/json': { schema: { type: 'object' } }, 'text/event-stream': { schema: { type: 'string' } } } },
          ...errors('OpenAIError', llmErrors),
        },
      },
    },
    '/ext/v1/messages': {
      post: {
        tags: ['LLM gateway'],
        summary: 'Anthropic-compatible Messages, for provider: anthropic (x-api-key or Authorization: Bearer pak_…)',
        security: extSecurity,
        requestBody: { required: true, content: { 'application/json': { schema: ref('MessagesRequest') } } },
        responses: {
          200: { description: 'the message, or its stream', content: { 'application/json': { schema: { type: 'object' } }, 'text/event-stream': { schema: { type: 'string' } } } },
          ...errors('AnthropicError', llmErrors),
        },
      },
    },
    '/ext/v1/messages/count_tokens': {
      post: {
        tags: ['LLM gateway'],
        summary: 'Anthropic-compatible token counting (no budget is used)',
        security: extSecurity,
        requestBody: { required: true, content: { 'application/json': { schema: ref('MessagesRequest') } } },
        responses: { 200: json('{input_tokens}', { type: 'object' }), ...errors('AnthropicError', llmErrors) },
      },
    },
  };
}

/** A gateway request's model: it travels back in the x-pai-model header (see readClientRequest). */
const GATEWAY_MODEL = { type: 'string', pattern: MODEL_REF_PATTERN, maxLength: MODEL_REF_MAX_LENGTH };

/** The schemas the gateway's paths refer to. */
export function gatewaySchemas(): Record<string, unknown> {
  return {
    AccessKeyMintRequest: {
      type: 'object',
      properties: { create: { $ref: '#/components/schemas/AccessKey', description: 'Create this AccessKey too, in the same transaction.' } },
      additionalProperties: false,
    },
    AccessKeyMinted: {
      type: 'object',
      required: ['key', 'accessKey'],
      properties: {
        key: { type: 'string', description: 'pak_…; shown only in this response (the server keeps its SHA-256).' },
        accessKey: { $ref: '#/components/schemas/AccessKey', description: 'status.keyId / status.keyCreatedAt identify the key.' },
      },
    },
    AccessKeyRevoked: { type: 'object', required: ['accessKey'], properties: { accessKey: { $ref: '#/components/schemas/AccessKey' } } },
    ModelList: {
      type: 'object',
      required: ['object', 'data'],
      properties: {
        object: { const: 'list' },
        data: { type: 'array', items: { type: 'object', required: ['id', 'object'], properties: { id: { type: 'string' }, object: { const: 'model' }, owned_by: { type: 'string' } } } },
      },
    },
    ChatCompletionRequest: {
      type: 'object',
      required: ['model', 'messages'],
      properties: {
        model: GATEWAY_MODEL,
        messages: { type: 'array', minItems: 1 },
        stream: { type: 'boolean' },
        max_tokens: { type: 'integer', minimum: 1, maximum: MAX_TOKENS_LIMIT },
        max_completion_tokens: { type: 'integer', minimum: 1, maximum: MAX_TOKENS_LIMIT },
        n: { type: 'integer', minimum: 1, maximum: 128 },
        temperature: { type: 'number', minimum: 0, maximum: 2 },
        top_p: { type: 'number', minimum: 0, maximum: 1 },
      },
    },
    MessagesRequest: {
      type: 'object',
      required: ['model', 'messages'],
      properties: {
        model: GATEWAY_MODEL,
        messages: { type: 'array', minItems: 1 },
        max_tokens: { type: 'integer', minimum: 1, maximum: MAX_TOKENS_LIMIT },
        stream: { type: 'boolean' },
        temperature: { type: 'number', minimum: 0, maximum: 1 },
      },
    },
    OpenAIError: {
      type: 'object',
      required: ['error'],
      properties: {
        error: {
          type: 'object',
          required: ['message', 'type', 'code'],
          properties: {
            message: { type: 'string' },
            type: { type: 'string' },
            code: { type: 'string', description: 'Stable: invalid_api_key, wrong_credential_kind, model_not_allowed, client_ip_not_allowed, external_access_disabled, guard_blocked, daily_budget_exhausted, budget_busy, rate_limit_exceeded, …' },
            param: { type: ['string', 'null'] },
          },
        },
      },
    },
    AnthropicError: {
      type: 'object',
      required: ['type', 'error'],
      properties: { type: { const: 'error' }, error: { type: 'object', required: ['type', 'message'], properties: { type: { type: 'string' }, message: { type: 'string' }, code: { type: 'string' } } } },
    },
  };
}
