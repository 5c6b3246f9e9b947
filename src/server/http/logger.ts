import { maskText } from '../../api/redact.js';

/** Extra fields of a log line. Callers never put request bodies, tokens or secret values here. */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

/** Structured logging: one JSON object per line, `{"time","level","msg",...fields}`. */
export interface Logger {
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

/**
 * A logger writing JSON lines to `write` (stdout by default), the format log shippers expect.
 * Each line passes through maskText: a credential a caller let slip into a field is not written.
 */
export function jsonLineLogger(write: (line: string) => void = (line) => process.stdout.write(line)): Logger {
  const emit = (level: string, msg: string, fields: LogFields = {}): void => {
    write(maskText(JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields })) + '\n');
  };
  return {
    info: (msg, fields) => emit('info', msg, fields),
    warn: (msg, fields) => emit('warn', msg, fields),
    error: (msg, fields) => emit('error', msg, fields),
  };
}

/** A logger that drops everything (tests that do not look at logs). */
export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
