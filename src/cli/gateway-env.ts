/** The shells `pai gateway env` writes for. */
export const SHELLS = ['sh', 'fish', 'powershell'] as const;
export type Shell = (typeof SHELLS)[number];

/**
 * The variables OpenAI- and Anthropic-compatible clients read, for a server and an AccessKey:
 * the OpenAI SDKs append `/chat/completions` to OPENAI_BASE_URL, Anthropic's append
 * `/v1/messages` to ANTHROPIC_BASE_URL, hence the two different bases.
 */
export function gatewayVariables(server: string, accessKey: string): Array<[string, string]> {
  const base = server.replace(/\/+$/, '');
  return [
    ['OPENAI_BASE_URL', `${base}/ext/v1`],
    ['OPENAI_API_KEY', accessKey],
    ['ANTHROPIC_BASE_URL', `${base}/ext`],
    ['ANTHROPIC_AUTH_TOKEN', accessKey],
  ];
}

/**
 * One assignment per line in the shell's syntax, every value single-quoted so that nothing in it
 * is expanded: POSIX sh has no escape inside '…' (a quote is closed, escaped, reopened), fish
 * escapes \ and ' inside '…', PowerShell doubles ' (and the typographic quotes it also treats
 * as ', U+2018–U+201B).
 */
export function renderExports(vars: ReadonlyArray<readonly [string, string]>, shell: Shell): string {
  return vars.map(([name, value]) => exportLine(name, value, shell) + '\n').join('');
}

function exportLine(name: string, value: string, shell: Shell): string {
  switch (shell) {
    case 'sh':
      return `export ${name}='${value.replace(/'/g, `'\\''`)}'`;
    case 'fish':
      return `set -gx ${name} '${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
    case 'powershell':
      return `$env:${name} = '${value.replace(/['\u2018\u2019\u201A\u201B]/g, '$&$&')}'`;
  }
}
