/** What stands in for the upstream key wherever an answer echoes it. */
const REDACTED = '(redacted)';

/** Keys this short are not redacted: they would match ordinary text. */
const MIN_KEY_LENGTH = 4;

/** Removes every occurrence of the upstream key from a text that is about to leave the gateway. */
export function withoutKey(text: string, apiKey: string | undefined): string {
  return apiKey && apiKey.length >= MIN_KEY_LENGTH && text.includes(apiKey) ? text.split(apiKey).join(REDACTED) : text;
}

/**
 * Redacts the upstream key from a text that arrives in pieces (a stream), wherever the pieces
 * split it: each piece is redacted together with the tail held back from the one before, and the
 * end of the result that could still be the start of the key (at most the key's length − 1
 * characters) is held back in turn until the next piece, or the end, shows what it is.
 */
export class KeyRedactor {
  private tail = '';

  constructor(private readonly apiKey: string | undefined) {}

  /** The redacted text that may go on now. */
  push(text: string): string {
    const key = this.apiKey;
    if (!key || key.length < MIN_KEY_LENGTH) return text;
    const redacted = withoutKey(this.tail + text, key);
    const hold = heldBack(redacted, key);
    this.tail = redacted.slice(redacted.length - hold);
    return redacted.slice(0, redacted.length - hold);
  }

  /** What is held back, when the stream ends (it did not become the key). */
  end(): string {
    const rest = this.tail;
    this.tail = '';
    return rest;
  }
}

/** The length of the longest end of `text` that is a proper start of `key`. */
function heldBack(text: string, key: string): number {
  const first = key.charAt(0);
  for (let i = text.indexOf(first, Math.max(0, text.length - key.length + 1)); i !== -1; i = text.indexOf(first, i + 1)) {
    if (key.startsWith(text.slice(i))) return text.length - i;
  }
  return 0;
}
