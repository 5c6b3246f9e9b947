/**
 * A problem with the CLI's configuration that the user can fix: an unparsable server URL, an
 * unknown context, a config file that is not JSON, no credential for the chosen server. The CLI
 * prints `message` and `hint` as they are, so both must be free of tokens and keys.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly hint: string | undefined;

  constructor(message: string, hint?: string) {
    super(message);
    this.hint = hint;
  }
}
