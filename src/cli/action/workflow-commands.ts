import { escapeGithubData } from '../render/diagnostics/github.js';

/**
 * GitHub Actions workflow commands, as strings the action writes to stdout: the runner reads
 * them from the log. Kept pure so tests can assert on exactly what reaches the log.
 */

/** Hides a value in every later log line. The runner strips this command from the log itself. */
export function addMask(value: string): string {
  return `::add-mask::${escapeGithubData(value)}\n`;
}

export function errorCommand(message: string): string {
  return `::error title=pai::${escapeGithubData(message)}\n`;
}

export function warningCommand(message: string): string {
  return `::warning title=pai::${escapeGithubData(message)}\n`;
}

/** A collapsible section of the log. */
export function group(title: string, body: string): string {
  return `::group::${escapeGithubData(title)}\n${body.endsWith('\n') || body === '' ? body : body + '\n'}::endgroup::\n`;
}

/** A `name=value` line for $GITHUB_OUTPUT (values here are single-line). */
export function outputLine(name: string, value: string): string {
  return `${name}=${value.replace(/[\r\n]/g, ' ')}\n`;
}

/** Replaces every occurrence of the given secrets, for text quoted from a failed command. */
export function redactSecrets(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join('***');
  return out;
}

/** Strips ANSI escape sequences, for text copied from a coloured log into markdown. */
export function stripAnsi(text: string): string {
  return text.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, '').replace(/\x1b\][^\x07\x1b]*(\x07|\x1b\\)/g, '');
}
