/**
 * A mistake in what the user asked for (a bad flag value, a file that cannot be read, a manifest
 * that is not a pai manifest). The CLI prints `message`, then `details` (one line each), then
 * `hint`; none of them may contain a secret value.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
  readonly hint: string | undefined;
  readonly details: string[];

  constructor(message: string, hint?: string, details: string[] = []) {
    super(message);
    this.hint = hint;
    this.details = details;
  }
}

/** A command line that cannot be run as given: exits with EXIT_CODES.usage, nothing attempted. */
export class UsageError extends UserError {}
