import type { Diagnostic, ResourceKey } from '../../api/diagnostic.js';
import { StoreError } from '../store/errors.js';

/** The closed set of error reasons of the REST API (docs/api.md), each with its one status. */
export const API_ERROR_STATUS = {
  BadRequest: 400,
  Unauthorized: 401,
  TokenExpired: 401,
  WrongCredentialKind: 403,
  Forbidden: 403,
  NotFound: 404,
  AlreadyExists: 409,
  Conflict: 409,
  InUse: 409,
  PayloadTooLarge: 413,
  UriTooLong: 414,
  UnsupportedMediaType: 415,
  MisdirectedRequest: 421,
  Invalid: 422,
  Internal: 500,
} as const;

export type ApiErrorReason = keyof typeof API_ERROR_STATUS;

/** The JSON body of every error response, whatever the status. */
export interface ApiErrorBody {
  error: {
    status: number;
    reason: ApiErrorReason;
    message: string;
    hint?: string;
    diagnostics?: Diagnostic[];
    /** In a batch: the 0-based index of the operation that failed. */
    operation?: number;
    /** InUse: the resources that still name the one being deleted. */
    dependents?: Dependent[];
  };
}

/** A resource that names another, and where (JSON pointer): why a delete is refused. */
export interface Dependent extends ResourceKey {
  pointer: string;
}

/**
 * A request the API refuses, as data: reason, one-sentence message, what to do. Handlers throw it;
 * the error handler turns it into the documented body. Messages never contain request values.
 */
export class ApiError extends Error {
  readonly status: number;
  operation?: number;
  dependents?: Dependent[];

  constructor(
    readonly reason: ApiErrorReason,
    message: string,
    readonly hint?: string,
    readonly diagnostics?: Diagnostic[],
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = API_ERROR_STATUS[reason];
  }

  toBody(): ApiErrorBody {
    return {
      error: {
        status: this.status,
        reason: this.reason,
        message: this.message,
        ...(this.hint ? { hint: this.hint } : {}),
        ...(this.diagnostics ? { diagnostics: this.diagnostics } : {}),
        ...(this.operation !== undefined ? { operation: this.operation } : {}),
        ...(this.dependents ? { dependents: this.dependents } : {}),
      },
    };
  }
}

/** Shorthand for the most common refusal. */
export function badRequest(message: string, hint?: string): ApiError {
  return new ApiError('BadRequest', message, hint);
}

/** Maps a store refusal (NotFound, AlreadyExists, Conflict) to its API error. */
export function fromStoreError(err: StoreError): ApiError {
  return new ApiError(err.reason, err.message, err.hint);
}

/** Any thrown value as an ApiError; unknown errors become a 500 that reveals nothing. */
export function asApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof StoreError) return fromStoreError(err);
  return new ApiError('Internal', 'the server failed to handle the request', 'try again; if it persists, look at the server log');
}
