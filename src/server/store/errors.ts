/** Why a write was refused; the server maps each reason to its HTTP status (404, 409, 409). */
export type StoreErrorReason = 'NotFound' | 'AlreadyExists' | 'Conflict';

/**
 * A write that cannot happen as asked (missing, already there, stale resourceVersion). Thrown
 * inside the write's transaction so that the transaction rolls back; the message is one sentence
 * for the user and never contains a value from the request body.
 */
export class StoreError extends Error {
  constructor(
    readonly reason: StoreErrorReason,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

