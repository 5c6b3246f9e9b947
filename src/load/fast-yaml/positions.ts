/**
 * Where the fast parser found each node, recorded as it reads them so that diagnostics are
 * located without parsing the file again (the yaml package takes ~0.2 ms per manifest, which
 * was most of the time of a repository with thousands of warnings).
 *
 * One record per document root, mapping entry and sequence item, in document order (pre-order):
 * a node's children are the records after it up to its `next`. A record holds offsets into the
 * text: the key's [start, end) (−1 for roots and sequence items), the value's [start, end) (start
 * −1 for a missing value, `key:`; end −1 for a block collection, which is underlined to the end
 * of its first line), and `next`, the record after its subtree.
 */
export class PositionLog {
  static readonly STRIDE = 5;
  private data: Int32Array;
  private count = 0;

  constructor(capacity = 256) {
    this.data = new Int32Array(capacity * PositionLog.STRIDE);
  }

  /** Starts a record; its value span and `next` are written by `close` once the value is read. */
  open(keyStart: number, keyEnd: number): number {
    const rec = this.count++;
    let at = rec * PositionLog.STRIDE;
    if (at + PositionLog.STRIDE > this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[at++] = keyStart;
    this.data[at] = keyEnd;
    return rec;
  }

  close(rec: number, valueStart: number, valueEnd: number): void {
    const at = rec * PositionLog.STRIDE + 2;
    this.data[at] = valueStart;
    this.data[at + 1] = valueEnd;
    this.data[at + 2] = this.count;
  }

  /** The number of records so far: the index the next `open` returns. */
  get records(): number {
    return this.count;
  }

  reset(): void {
    this.count = 0;
  }

  /** The records so far, copied out of the (reused) buffer; `roots` are the documents' records. */
  snapshot(roots: number[]): NodePositions {
    return new NodePositions(this.data.slice(0, this.count * PositionLog.STRIDE), roots);
  }
}

/** The records of one file, read back by the locator. */
export class NodePositions {
  constructor(
    private readonly data: Int32Array,
    /** The record of each document's root node, by document index. */
    readonly roots: readonly number[],
  ) {}

  get size(): number {
    return this.data.length / PositionLog.STRIDE;
  }
  keyStart(rec: number): number {
    return this.data[rec * PositionLog.STRIDE]!;
  }
  keyEnd(rec: number): number {
    return this.data[rec * PositionLog.STRIDE + 1]!;
  }
  valueStart(rec: number): number {
    return this.data[rec * PositionLog.STRIDE + 2]!;
  }
  valueEnd(rec: number): number {
    return this.data[rec * PositionLog.STRIDE + 3]!;
  }
  next(rec: number): number {
    return this.data[rec * PositionLog.STRIDE + 4]!;
  }
}
