import { bail } from './bail.js';
import { NO_POSITIONS, type PositionSink } from './positions.js';

const LF = 10;
const CR = 13;
const SPACE = 32;
const HASH = 35;
const DASH = 45;
const DOT = 46;

/**
 * A cursor over the lines of a YAML stream: the current line's bounds and indentation, computed
 * once per line with `indexOf`, so the parsers never cut the text into line strings.
 * `pos` is a scratch position the scanners use to hand back where a token ended.
 */
export class Lines {
  readonly length: number;
  /** First character of the current line. */
  lineStart = 0;
  /** End of the current line's content (before `\n` or `\r\n`). */
  lineEnd = 0;
  /** First character of the following line (equals `length` at the end). */
  next = 0;
  /** Leading spaces of the current line. */
  indent = 0;
  /** The current line is a `---` document start marker. */
  marker = false;
  /** Where the last scanner stopped. */
  pos = 0;
  /**
   * The span of the node the last reader read: [spanStart, spanEnd), spanStart −1 when there was
   * no value (`key:`), spanEnd −1 for a block collection (see PositionLog).
   */
  spanStart = -1;
  spanEnd = -1;

  constructor(
    readonly src: string,
    start: number,
    /** Where the readers record node positions. */
    readonly log: PositionSink = NO_POSITIONS,
  ) {
    this.length = src.length;
    this.load(start);
  }

  /** True past the last line. */
  get eof(): boolean {
    return this.lineStart >= this.length;
  }

  /** True when no node can continue here: end of stream or the next document's `---`. */
  get atEnd(): boolean {
    return this.marker || this.lineStart >= this.length;
  }

  /** Position of the first non-space character of the current line. */
  get contentStart(): number {
    return this.lineStart + this.indent;
  }

  /** The line ends with a line break (only the stream's last line may not). */
  get hasLineBreak(): boolean {
    return this.next > this.lineEnd && this.src.charCodeAt(this.next - 1) === LF;
  }

  /** Sets the span of the node just read. */
  span(start: number, end: number): void {
    this.spanStart = start;
    this.spanEnd = end;
  }

  advance(): void {
    this.load(this.next);
  }

  /** Moves past blank and comment-only lines; tells whether it passed a comment line. */
  skipToContent(): boolean {
    let sawComment = false;
    while (this.lineStart < this.length && !this.marker) {
      const c = this.lineStart + this.indent;
      if (c < this.lineEnd) {
        if (this.src.charCodeAt(c) !== HASH) return sawComment;
        sawComment = true;
      }
      this.load(this.next);
    }
    return sawComment;
  }

  private load(start: number): void {
    const src = this.src;
    this.lineStart = start;
    this.marker = false;
    if (start >= this.length) {
      this.lineEnd = this.next = start;
      this.indent = 0;
      return;
    }
    let nl = src.indexOf('\n', start);
    if (nl < 0) nl = this.length;
    this.next = nl < this.length ? nl + 1 : nl;
    const end = nl > start && src.charCodeAt(nl - 1) === CR ? nl - 1 : nl;
    this.lineEnd = end;
    let i = start;
    while (i < end && src.charCodeAt(i) === SPACE) i++;
    this.indent = i - start;
    if (i === start && end - start >= 3) this.checkMarker(start, end);
  }

  /** `---` starts a document; `...`, and `---`/`...` glued to more text, are left to the yaml package. */
  private checkMarker(start: number, end: number): void {
    const src = this.src;
    const c = src.charCodeAt(start);
    if ((c !== DASH && c !== DOT) || src.charCodeAt(start + 1) !== c || src.charCodeAt(start + 2) !== c) return;
    if (c === DOT) bail();
    if (start + 3 < end && src.charCodeAt(start + 3) !== SPACE) bail();
    this.marker = true;
  }
}
