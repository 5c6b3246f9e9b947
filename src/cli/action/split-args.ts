/**
 * Splits the `args` input into arguments the way a shell would for simple cases: whitespace
 * separates, single quotes keep everything, double quotes keep spaces and allow `\"` and `\\`.
 * No expansion of any kind: the arguments go to pai as they are written, never through a shell.
 */
export function splitArgs(text: string): { ok: true; args: string[] } | { ok: false; message: string } {
  const args: string[] = [];
  let current = '';
  let inArg = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quote === "'") {
      if (ch === "'") quote = undefined;
      else current += ch;
    } else if (quote === '"') {
      if (ch === '"') quote = undefined;
      else if (ch === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\')) current += text[++i];
      else current += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      inArg = true;
    } else if (/\s/.test(ch)) {
      if (inArg) args.push(current);
      current = '';
      inArg = false;
    } else {
      current += ch;
      inArg = true;
    }
  }
  if (quote) return { ok: false, message: `unclosed ${quote === '"' ? 'double' : 'single'} quote` };
  if (inArg) args.push(current);
  return { ok: true, args };
}
