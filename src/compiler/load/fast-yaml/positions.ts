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
/** Where the readers put node positions: a PositionLog, or nowhere (NO_POSITIONS). */
export interface PositionSink {
  open(keyStart: number, keyEnd: number): number;
  close(rec: number, valueStart: number, valueEnd: number): void;
  /** The number of records of this file so far: the index the next `open` returns. */
  readonly records: number;
}

/**
 * Positions are recorded only when a diagnostic needs them: the compiler parses every file
 * without recording (recording costs ~25% of the parse of a clean repository) and reads a file
 * again with a PositionLog when something in it must be located — the fast parser takes a few
 * microseconds per manifest, far less than the yaml package it replaces there.
 */
class NoPositions implements PositionSink {
  open(): number {
    return -1;
  }
  close(): void {}
  get records(): number {
    return -1;
  }
}
export const NO_POSITIONS: PositionSink = new NoPositions();

export class PositionLog implements PositionSink {
  static readonly STRIDE = 5;
  /**
   * Records of every file parsed go into one pool, each file's after the last: a successful
   * parse keeps a view of its part (no copy, no allocation per file); a bail leaves its part to
   * be overwritten. A full pool is replaced by a new one, for the files that follow.
   */
  private pool: Int32Array;
  private base = 0;
  private count = 0;

  constructor(poolRecords = 4096) {
    this.pool = new Int32Array(poolRecords * PositionLog.STRIDE);
  }

  open(keyStart: number, keyEnd: number): number {
    const rec = this.count++;
    let at = this.base + rec * PositionLog.STRIDE;
    if (at + PositionLog.STRIDE > this.pool.length) at = this.newPool(rec);
    this.pool[at++] = keyStart;
    this.pool[at] = keyEnd;
    return rec;
  }

  close(rec: number, valueStart: number, valueEnd: number): void {
    const at = this.base + rec * PositionLog.STRIDE + 2;
    this.pool[at] = valueStart;
    this.pool[at + 1] = valueEnd;
    this.pool[at + 2] = this.count;
  }

  get records(): number {
    return this.count;
  }

  /** Starts the records of another file (a bailed parse's records are dropped). */
  reset(): void {
    this.count = 0;
  }

  /** Keeps this file's records; `roots` are the records of its documents. */
  snapshot(roots: number[]): NodePositions {
    const end = this.base + this.count * PositionLog.STRIDE;
    const view = new NodePositions(this.pool.subarray(this.base, end), roots);
    this.base = end;
    this.count = 0;
    return view;
  }

  /** Moves this file's records so far to a new, larger pool; returns where record `rec` goes. */
  private newPool(rec: number): number {
    const used = rec * PositionLog.STRIDE;
    const pool = new Int32Array(Math.max(this.pool.length, 4 * (used + PositionLog.STRIDE)));
    pool.set(this.pool.subarray(this.base, this.base + used));
    this.pool = pool;
    this.base = 0;
    return used;
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
