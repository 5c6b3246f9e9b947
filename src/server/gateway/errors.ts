/**
 * Why the gateway refuses or fails a request. Each has one HTTP status and a stable `code`
 * clients can branch on; the body is OpenAI's error shape on OpenAI routes and Anthropic's on
 * the Messages routes (see renderError).
 */
export type GatewayErrorCode =
  | 'invalid_api_key'
  | 'wrong_credential_kind'
  | 'access_key_expired'
  | 'external_access_disabled'
  | 'model_not_allowed'
  | 'model_not_found'
  | 'client_ip_not_allowed'
  | 'guard_blocked'
  | 'daily_budget_exhausted'
  | 'budget_busy'
  | 'rate_limit_exceeded'
  | 'concurrency_limit_exceeded'
  | 'request_too_large'
  | 'invalid_request'
  | 'unsupported_provider'
  | 'upstream_unavailable'
  | 'upstream_error'
  | 'gateway_error';

const STATUS: Record<GatewayErrorCode, number> = {
  invalid_api_key: 401,
  wrong_credential_kind: 403,
  access_key_expired: 401,
  external_access_disabled: 403,
  model_not_allowed: 403,
  model_not_found: 404,
  client_ip_not_allowed: 403,
  guard_blocked: 403,
  daily_budget_exhausted: 429,
  budget_busy: 429,
  rate_limit_exceeded: 429,
  concurrency_limit_exceeded: 429,
  request_too_large: 400,
  invalid_request: 400,
  unsupported_provider: 400,
  upstream_unavailable: 502,
  upstream_error: 502,
  gateway_error: 500,
};

/** OpenAI's `type` for each status family (what its SDKs map to error classes). */
function openAiType(status: number): string {
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 429) return 'rate_limit_error';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

/** Anthropic's `type` for each status (https://docs.anthropic.com/en/api/errors). */
function anthropicType(status: number): string {
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 429) return 'rate_limit_error';
  if (status === 502 || status === 503) return 'api_error';
  if (status >= 500) return 'api_error';
  return 'invalid_request_error';
}

/**
 * A refusal or failure of the gateway, as data. `message` is one sentence for the developer and
 * never contains a prompt, a key or an upstream credential; `headers` travel with the response
 * (Retry-After, x-should-retry, usage headers).
 */
export class GatewayError extends Error {
  readonly status: number;
  readonly headers: Record<string, string>;

  constructor(
    readonly code: GatewayErrorCode,
    message: string,
    options: { headers?: Record<string, string>; param?: string; reason?: string } = {},
  ) {
    super(message);
    this.name = 'GatewayError';
    this.status = STATUS[code];
    this.headers = options.headers ?? {};
    this.param = options.param ?? null;
    this.reason = options.reason;
  }

  readonly param: string | null;
  /** The control plane's reason (`Unauthorized`, `WrongCredentialKind`) for auth refusals. */
  readonly reason: string | undefined;
}

/** Which wire dialect a route speaks. */
export type Dialect = 'openai' | 'anthropic';

/** The JSON body of an error in the route's dialect. */
export function renderError(err: GatewayError, dialect: Dialect): string {
  if (dialect === 'anthropic') {
    return JSON.stringify({ type: 'error', error: { type: anthropicType(err.status), message: err.message, code: err.code } });
  }
  return JSON.stringify({
    error: { message: err.message, type: openAiType(err.status), code: err.code, param: err.param, ...(err.reason ? { reason: err.reason } : {}) },
  });
}
