/**
 * `pai server` cannot start as configured (a bad flag value, a bad bootstrap token). The command
 * prints the message and the hint and exits 1; no stack trace.
 */
export class ServerSetupError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'ServerSetupError';
  }
}
