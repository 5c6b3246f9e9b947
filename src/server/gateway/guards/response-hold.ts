import type { GatewayError } from '../errors.js';
import type { ResponseScanner } from './guard-scan.js';

/** New answer text that triggers a scan of a stream: about 250 tokens, well inside the context
 * of prompt-injection classifiers (Prompt Guard reads 512 tokens). */
export const RESPONSE_WINDOW_CHARS = 1_024;
/** Text scanned again with the next window, so that a phrase cut by a window boundary is seen
 * whole; the stream's last this-many characters are held until that second scan. */
export const RESPONSE_OVERLAP_CHARS = 256;
/** Relayed bytes held at most, whatever the text (events that carry no text still move on). */
const MAX_HELD_BYTES = 64 * 1024;

/**
 * Scans a text in overlapping windows (a buffered answer, or what a stream adds after the
 * context of its last window): each classifier call sees at most one window and its overlap,
 * whatever the text's length. The refusal of the first window that is blocked, if any.
 */
export async function scanInWindows(scanner: ResponseScanner, text: string): Promise<GatewayError | undefined> {
  const span = RESPONSE_WINDOW_CHARS + RESPONSE_OVERLAP_CHARS;
  for (let start = 0; ; start += RESPONSE_WINDOW_CHARS) {
    const refused = await scanner.check(text.slice(start, start + span));
    if (refused || start + span >= text.length) return refused;
  }
}

/**
 * Holds a stream's relayed output back until the response guards passed the answer text in it,
 * so that the client never receives text the classifier has not passed. Text is scanned in
 * windows of RESPONSE_WINDOW_CHARS new characters, each preceded by the RESPONSE_OVERLAP_CHARS
 * before it; output is released up to the last RESPONSE_OVERLAP_CHARS of scanned text (those
 * wait for the next window, or the end). Audit-only guards scan the same windows but hold nothing.
 */
export class ResponseHold {
  /** Relayed output not yet released, each piece with the text offset at its end. */
  private held: Array<{ out: string; textEnd: number }> = [];
  private heldBytes = 0;
  /** Text received but not scanned yet. */
  private unscanned = '';
  /** The last RESPONSE_OVERLAP_CHARS of scanned text. */
  private context = '';
  private received = 0;
  private scannedTo = 0;

  constructor(private readonly scanner: ResponseScanner) {}

  /** Takes relayed output and the answer text it carries; returns what may be written now, or
   * the refusal that ends the stream. */
  async push(out: string, text: string): Promise<string | GatewayError> {
    this.received += text.length;
    this.unscanned += text;
    if (out) {
      this.held.push({ out, textEnd: this.received });
      this.heldBytes += out.length;
    }
    if (this.unscanned.length >= RESPONSE_WINDOW_CHARS || this.heldBytes >= MAX_HELD_BYTES) {
      const refused = await this.scan();
      if (refused) return refused;
    }
    return this.release(false);
  }

  /** The upstream ended: scans what is left and releases everything that passed. */
  async end(out: string, text: string): Promise<string | GatewayError> {
    const last = await this.push(out, text);
    if (typeof last !== 'string') return last;
    const refused = await this.scan();
    return refused ?? last + this.release(true);
  }

  private async scan(): Promise<GatewayError | undefined> {
    if (!this.unscanned) return undefined;
    const text = this.context + this.unscanned;
    const refused = await scanInWindows(this.scanner, text);
    if (refused) return refused;
    this.context = text.slice(-RESPONSE_OVERLAP_CHARS);
    this.unscanned = '';
    this.scannedTo = this.received;
    return undefined;
  }

  private release(all: boolean): string {
    const force = all || !this.scanner.enforcing || this.heldBytes >= MAX_HELD_BYTES;
    let n = 0;
    while (n < this.held.length && (force || this.held[n]!.textEnd + RESPONSE_OVERLAP_CHARS <= this.scannedTo)) n++;
    if (n === 0) return '';
    const out = this.held.slice(0, n).map((p) => p.out).join('');
    this.held = this.held.slice(n);
    this.heldBytes -= out.length;
    return out;
  }
}
