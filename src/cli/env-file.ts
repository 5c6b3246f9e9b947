import { UserError } from '../lib/user-error.js';

/** Secret keys as Kubernetes allows them in Secrets and ConfigMaps. */
export const SECRET_KEY_PATTERN = /^[-._a-zA-Z0-9]+$/;

/**
 * Parses an env file for `pai create secret --from-env-file`: `KEY=VALUE` per line, blank lines
 * and `#` comments ignored, an optional `export ` prefix, and one pair of matching quotes around
 * the value removed (as dotenv does). Errors name the file and line but never quote the line,
 * which may hold a secret.
 */
export function parseEnvFile(text: string, file: string): Array<[string, string]> {
  const entries: Array<[string, string]> = [];
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.replace(/^\s+/, '');
    if (line === '' || line.startsWith('#')) return;
    const body = line.startsWith('export ') ? line.slice('export '.length).trimStart() : line;
    const eq = body.indexOf('=');
    if (eq <= 0) {
      problems.push(`${file}:${index + 1}: expected KEY=VALUE`);
      return;
    }
    const key = body.slice(0, eq).trim();
    if (!SECRET_KEY_PATTERN.test(key)) {
      problems.push(`${file}:${index + 1}: ${JSON.stringify(key)} is not a valid key (letters, digits, -, _ and . only)`);
      return;
    }
    entries.push([key, unquote(body.slice(eq + 1))]);
  });
  if (problems.length > 0) throw new UserError(`cannot read the env file ${file}`, 'each line must be KEY=VALUE (# starts a comment)', problems);
  return entries;
}

function unquote(value: string): string {
  const v = value.trim();
  if (v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0]) return v.slice(1, -1);
  return value.replace(/\s+$/, '');
}

/** Splits `KEY=VALUE` from `--from-literal`; the value may contain further `=`. */
export function parseLiteral(text: string): [string, string] {
  const eq = text.indexOf('=');
  const key = eq > 0 ? text.slice(0, eq) : '';
  if (!key) throw new UserError('--from-literal expects KEY=VALUE', 'e.g. --from-literal api-key=…');
  if (!SECRET_KEY_PATTERN.test(key)) throw new UserError(`${JSON.stringify(key)} is not a valid secret key`, 'use letters, digits, -, _ and . only');
  return [key, text.slice(eq + 1)];
}
