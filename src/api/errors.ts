import { describeNetworkCode } from '../lib/network-errors.js';
import type { Diagnostic, ResourceKey } from './diagnostic.js';

/**
 * The reasons the control plane answers with (docs/api.md), plus the ones the client adds for
 * answers that did not follow the contract (a proxy's HTML page, a truncated body …).
 */
export type ControlPlaneReason =
  | 'BadRequest'
  | 'Unauthorized'
  | 'TokenExpired'
  | 'WrongCredentialKind'
  | 'Forbidden'
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'InUse'
  | 'PayloadTooLarge'
  | 'UriTooLong'
  | 'UnsupportedMediaType'
  | 'MisdirectedRequest'
  | 'Invalid'
  | 'Internal'
  | 'BadGateway'
  | 'ServiceUnavailable'
  | 'GatewayTimeout'
  | 'UnexpectedResponse';

/** The error body every non-2xx answer of the control plane carries (docs/api.md). */
export interface ErrorBody {
  status: number;
  reason: string;
  message: string;
  hint?: string;
  diagnostics?: Diagnostic[];
  /** For a failed `POST /v1/batch`: the 0-based index of the operation that failed. */
  operation?: number;
  /** InUse (409): the resources that still name the one a delete was refused for. */
  dependents?: Array<ResourceKey & { pointer: string }>;
}

/**
 * The control plane answered, and the answer was an error. Carries the server's own reason,
 * sentence, hint and diagnostics so that the CLI can print them as they are; `method` and `path`
 * say which call failed (never its body, which may hold secret values).
 */
export class ControlPlaneError extends Error {
  override readonly name = 'ControlPlaneError';
  readonly status: number;
  readonly reason: ControlPlaneReason | string;
  readonly hint: string | undefined;
  readonly diagnostics: Diagnostic[];
  /** The failed operation's index, when a batch failed. */
  readonly operation: number | undefined;
  readonly dependents: Array<ResourceKey & { pointer: string }>;
  readonly method: string;
  readonly path: string;

  constructor(body: ErrorBody, request: { method: string; path: string }) {
    super(body.message);
    this.status = body.status;
    this.reason = body.reason;
    this.hint = body.hint;
    this.diagnostics = body.diagnostics ?? [];
    this.operation = body.operation;
    this.dependents = body.dependents ?? [];
    this.method = request.method;
    this.path = request.path;
  }
}

/**
 * No answer at all: connection refused, DNS failure, TLS failure or a timeout. `url` is the
 * server's base URL (what the user logged in to), `cause` a short phrase such as "connection
 * refused" for the message.
 */
export class ControlPlaneUnreachableError extends Error {
  override readonly name = 'ControlPlaneUnreachableError';
  readonly url: string;
  readonly code: string | undefined;
  readonly attempts: number;

  constructor(url: string, code: string | undefined, attempts: number) {
    super(`cannot reach the control plane at ${url} (${describeNetworkCode(code)})`);
    this.url = url;
    this.code = code;
    this.attempts = attempts;
  }
}

/** Builds the error body for an answer that did not carry the documented error shape. */
export function fallbackErrorBody(status: number, statusText: string): ErrorBody {
  const reason: ControlPlaneReason =
    status === 502 ? 'BadGateway' : status === 503 ? 'ServiceUnavailable' : status === 504 ? 'GatewayTimeout' : 'UnexpectedResponse';
  return { status, reason, message: `the control plane answered HTTP ${status}${statusText ? ` ${statusText}` : ''} without an error description` };
}
