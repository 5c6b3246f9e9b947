/**
 * host:port/database of a PostgreSQL URL, without user or password: what messages and logs may
 * show of `--database-url`.
 */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return '(an unparsable URL)';
  }
}

/** Whether a string is a PostgreSQL connection URL pai accepts. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}
