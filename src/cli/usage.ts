import { didYouMean } from '../compiler/diagnostics/did-you-mean.js';
import { UsageError } from '../lib/user-error.js';

/**
 * Usage errors read the same from every command and from the command lookup itself: what is
 * wrong, a suggestion when a name is close to a real one, and where the usage is — never oclif's
 * raw parser text ("Nonexistent flag: …\nSee more help with --help").
 */

/** The hint of every usage error: where the usage of `pai COMMAND` is. */
export function usageHint(commandId: string | undefined): string {
  return commandId ? `see \`pai ${commandId.replaceAll(':', ' ')} --help\` for its usage` : '`pai --help` lists the commands';
}

/** ` (did you mean "x"?)`, or nothing when no candidate is close. */
function suggestion(input: string, candidates: Iterable<string>): string {
  const guess = didYouMean(input, candidates, 1)[0];
  return guess ? ` (did you mean ${guess}?)` : '';
}

/** `pai valdiate`: the command that does not exist, and the closest that does. */
export function unknownCommandError(id: string, commandIds: readonly string[]): UsageError {
  // oclif joins every word before the first flag into the id (`pai valdiate .` → "valdiate:."):
  // the command typed ends at the first word that no command continues with.
  const words = id.split(':');
  const known = words.findIndex((_, i) => !commandIds.some((c) => `${c}:`.startsWith(`${words.slice(0, i + 1).join(':')}:`)));
  const typed = words.slice(0, known === -1 ? words.length : known + 1).join(' ');
  const names = commandIds.map((c) => c.replaceAll(':', ' '));
  return new UsageError(`unknown command "${typed}"${suggestion(typed, names).replace(/did you mean (.+)\?/, 'did you mean "pai $1"?')}`, usageHint(undefined));
}

/**
 * Turns what oclif's parser threw into a UsageError: an unknown flag with the closest flag of the
 * command, else the parser's sentence with its boilerplate removed.
 */
export function usageErrorFromParse(err: unknown, commandId: string | undefined, flagNames: readonly string[]): UsageError {
  const hint = usageHint(commandId);
  const unknownFlags = (err as { flags?: unknown }).flags;
  if (Array.isArray(unknownFlags) && unknownFlags.length > 0 && unknownFlags.every((f) => typeof f === 'string')) {
    const flags = flagNames.map((f) => `--${f}`);
    return new UsageError(unknownFlags.map((f: string) => `unknown flag ${f}${suggestion(f.split('=')[0]!, flags)}`).join('; '), hint);
  }
  return new UsageError(parserSentence(err instanceof Error ? err.message : String(err)), hint);
}

/**
 * oclif's parse errors ("The following error occurred:\n  Missing required flag provider\nSee more
 * help with --help") as one sentence: "Missing required flag provider".
 */
export function parserSentence(message: string): string {
  const lines = message.replace(/\n?See more help with --help\s*$/, '').split('\n').map((l) => l.trim()).filter(Boolean);
  const body = /^The following errors? occurred:?$/.test(lines[0] ?? '') ? lines.slice(1) : lines;
  // "Missing 1 required arg:" + "url  control plane URL" → "Missing 1 required arg: url (control plane URL)"
  return body.map((l) => l.replace(/^(\S+)\s{2,}(.+)$/, '$1 ($2)')).join('; ').replace(/:; /g, ': ') || message;
}
