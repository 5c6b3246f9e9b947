import { MIN_MASKED_LENGTH, maskText, maskTextDeep } from '../api/redact.js';

/**
 * Values that must never be printed: API keys and secret values given on the command line, in
 * env files or Secret manifests, and the credential the CLI sends. Commands register them as
 * soon as they read them; every line the CLI writes for errors passes through `redact`, so that
 * even a server (or a library) that echoed one cannot make the CLI print it.
 */
const values = new Set<string>();

/** Remembers a value that must not appear in any output (shorter ones than MIN_MASKED_LENGTH are not searched for). */
export function registerSensitive(value: string | undefined): void {
  if (value && value.length >= MIN_MASKED_LENGTH) values.add(value);
}

/** Masks every registered value in `text` (and anything that looks like a credential): see maskText. */
export function redact(text: string): string {
  return maskText(text, values);
}

/** `redact` applied to every string inside a JSON-like value (for `--json` payloads). */
export function redactDeep<T>(value: T): T {
  return maskTextDeep(value, values);
}

/** Flags whose value is sensitive as a whole. */
const SECRET_FLAGS = new Set(['--api-key', '--token', '--access-key']);
/** Flags of the form KEY=VALUE whose VALUE is sensitive. */
const SECRET_ASSIGNMENT_FLAGS = new Set(['--from-literal']);

/**
 * Registers the sensitive values in a raw argv before oclif parses it, so that even a parse
 * error that quotes an argument ("Unexpected argument: sk-…") cannot print one.
 */
export function registerSensitiveArgv(argv: readonly string[]): void {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = inline ?? (SECRET_FLAGS.has(name) || SECRET_ASSIGNMENT_FLAGS.has(name) ? argv[i + 1] : undefined);
    if (value === undefined) continue;
    if (SECRET_FLAGS.has(name) && value !== '-') registerSensitive(value);
    if (SECRET_ASSIGNMENT_FLAGS.has(name)) {
      const at = value.indexOf('=');
      if (at >= 0) registerSensitive(value.slice(at + 1));
    }
  }
}

/** For tests: forget everything registered. */
export function clearSensitive(): void {
  values.clear();
}

/**
 * For bin/run.js when DEBUG is set: oclif logs the raw argv (with any --api-key value) before a
 * command runs. This registers the argv's sensitive values and redacts them from every later
 * write to stderr, where the debug output goes.
 */
export function guardStderr(argv: readonly string[]): void {
  registerSensitiveArgv(argv);
  const write = process.stderr.write.bind(process.stderr) as (chunk: unknown, ...rest: unknown[]) => boolean;
  process.stderr.write = ((chunk: unknown, ...rest: unknown[]) => write(typeof chunk === 'string' ? redact(chunk) : chunk, ...rest)) as typeof process.stderr.write;
}
