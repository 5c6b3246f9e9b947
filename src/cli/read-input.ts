import { UserError } from '../lib/user-error.js';

/** Reads all of stdin as UTF-8 (for `-f -` and `--api-key -`). */
export async function readStdin(stream: NodeJS.ReadableStream = process.stdin): Promise<string> {
  if ((stream as { isTTY?: boolean }).isTTY) {
    throw new UserError('stdin is a terminal, not a pipe', 'pipe the input in, e.g. `cat file.yaml | pai apply -f -`');
  }
  let text = '';
  stream.setEncoding('utf8');
  for await (const chunk of stream) text += chunk as string;
  return text;
}

/**
 * A single secret value read from stdin: surrounding line breaks are dropped (echo and heredocs
 * add one), everything else is kept as it is.
 */
export async function readSecretFromStdin(what: string, stream: NodeJS.ReadableStream = process.stdin): Promise<string> {
  const value = (await readStdin(stream)).replace(/^[\r\n]+|[\r\n]+$/g, '');
  if (!value) throw new UserError(`no ${what} on stdin`, `pipe it in, e.g. \`printf %s "$KEY" | pai … -\``);
  return value;
}
