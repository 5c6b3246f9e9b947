import { Lines } from './lines.js';
import type { NodePositions } from './positions.js';
import { readDoubleQuoted, readSingleQuoted } from './scalars.js';

/**
 * The [start, end) offsets of the node at `segments` in document `docIndex`, from the positions
 * the fast parser recorded — the same node the yaml-based locator picks (checked against it on
 * generated input): the closest existing ancestor when the path does not exist, the key of
 * `key:` when it has no value, the first line of a block collection. Undefined where only the
 * yaml package can say (an empty document).
 */
export function locateRecorded(text: string, positions: NodePositions, docIndex: number, segments: readonly string[], target: 'key' | 'value'): [number, number] | undefined {
  let rec = positions.roots[docIndex];
  if (rec === undefined || positions.valueStart(rec) < 0) return undefined;
  let keyRec = -1;
  for (const segment of segments) {
    if (positions.valueStart(rec) < 0) break; // `key:` without a value has no children
    const found = child(text, positions, rec, segment);
    if (found < 0) break; // closest existing ancestor
    rec = found;
    keyRec = positions.keyStart(found) >= 0 ? found : -1;
  }
  if (keyRec >= 0 && (target === 'key' || positions.valueStart(rec) < 0)) return [positions.keyStart(keyRec), positions.keyEnd(keyRec)];
  const start = positions.valueStart(rec);
  if (start < 0) return undefined; // a sequence item without a value
  const end = positions.valueEnd(rec);
  return [start, end >= 0 ? end : endOfLine(text, start)];
}

/** The record of the child of `rec` named `segment` (a key, or an index into a sequence), or −1. */
function child(text: string, positions: NodePositions, rec: number, segment: string): number {
  const end = positions.next(rec);
  let c = rec + 1;
  if (c >= end) return -1;
  if (positions.keyStart(c) < 0) {
    if (!/^(0|[1-9][0-9]*)$/.test(segment)) return -1;
    for (let i = Number(segment); i > 0 && c < end; i--) c = positions.next(c);
    return c < end ? c : -1;
  }
  for (; c < end; c = positions.next(c)) if (keyText(text, positions.keyStart(c), positions.keyEnd(c)) === segment) return c;
  return -1;
}

/** A key as the parser resolved it: plain keys are their text; quoted ones are read again. */
function keyText(text: string, start: number, end: number): string {
  const q = text.charCodeAt(start);
  if (q !== 0x22 && q !== 0x27) return text.slice(start, end);
  const L = new Lines(text, text.lastIndexOf('\n', start - 1) + 1);
  return q === 0x22 ? readDoubleQuoted(L, start) : readSingleQuoted(L, start);
}

function endOfLine(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  const end = nl === -1 ? text.length : nl;
  return text.charCodeAt(end - 1) === 0x0d ? end - 1 : end;
}
