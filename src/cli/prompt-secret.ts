import { UserError } from '../lib/user-error.js';

/** The state of a hidden-input line while keys are typed. */
export interface HiddenLine {
  value: string;
  done: boolean;
  cancelled: boolean;
}

/**
 * Applies typed characters to a hidden line: Enter ends it, Backspace deletes, Ctrl-C / Ctrl-D
 * cancel, other control characters are ignored. Pure, so the terminal handling stays thin.
 */
export function typeInto(line: HiddenLine, input: string): HiddenLine {
  let { value, done, cancelled } = line;
  for (const ch of input) {
    if (done || cancelled) break;
    if (ch === '\r' || ch === '\n') done = true;
    else if (ch === '\u0003' || ch === '\u0004') cancelled = true;
    else if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
    else if (ch >= ' ') value += ch;
  }
  return { value, done, cancelled };
}

/**
 * Asks for a secret on the terminal without echoing it (the prompt goes to stderr, so stdout
 * stays clean for scripts). Only works on a TTY; callers check `process.stdin.isTTY` first and
 * give a "pass --token" error otherwise.
 */
export async function promptSecret(prompt: string, input: NodeJS.ReadStream = process.stdin, output: NodeJS.WriteStream = process.stderr): Promise<string> {
  if (!input.isTTY) throw new UserError('cannot ask for a secret: stdin is not a terminal', 'pass it with a flag or an environment variable instead');
  output.write(prompt);
  input.setRawMode(true);
  input.setEncoding('utf8');
  input.resume();
  try {
    const line = await new Promise<HiddenLine>((resolve) => {
      let state: HiddenLine = { value: '', done: false, cancelled: false };
      const onData = (chunk: string) => {
        state = typeInto(state, chunk);
        if (state.done || state.cancelled) {
          input.off('data', onData);
          resolve(state);
        }
      };
      input.on('data', onData);
    });
    if (line.cancelled) throw new UserError('cancelled');
    return line.value.trim();
  } finally {
    input.setRawMode(false);
    input.pause();
    output.write('\n');
  }
}
