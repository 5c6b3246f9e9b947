/**
 * "Did you mean …?" suggestions, shared by every stage that meets an unknown name: model ids,
 * ModelProvider names, schema fields. Candidates are ranked by Damerau-Levenshtein distance
 * (optimal string alignment: a swapped pair of letters counts as one edit, the most common typo),
 * compared case-insensitively.
 *
 * A candidate is suggested when it is within `maxDistance(input)` edits, or when one string is a
 * prefix of the other (`claude-sonnet` → `claude-sonnet-4-6`, `gpt-4o-2099-01-01` → `gpt-4o`),
 * because a truncated or over-long id is a typo of a different kind that edit distance punishes.
 */
export function didYouMean(input: string, candidates: Iterable<string>, max = 3): string[] {
  if (max <= 0 || input.length === 0) return [];
  const needle = input.toLowerCase();
  const limit = maxDistance(needle);
  const scored: Array<{ candidate: string; distance: number; prefix: boolean }> = [];
  const seen = new Set<string>();
  for (const candidate of candidates) {
    if (candidate === input || seen.has(candidate)) continue;
    seen.add(candidate);
    const hay = candidate.toLowerCase();
    // A prefix match is kept whatever its distance (exactly the length difference); anything
    // else must be close enough.
    if (isPrefixMatch(needle, hay)) {
      scored.push({ candidate, distance: Math.abs(hay.length - needle.length), prefix: true });
      continue;
    }
    const distance = boundedDistance(needle, hay, limit);
    if (distance <= limit) scored.push({ candidate, distance, prefix: false });
  }
  scored.sort((a, b) => a.distance - b.distance || Number(b.prefix) - Number(a.prefix) || (a.candidate < b.candidate ? -1 : a.candidate > b.candidate ? 1 : 0));
  return scored.slice(0, max).map((s) => s.candidate);
}

/** How many edits still look like a typo: about one in three characters, at most 4. */
function maxDistance(input: string): number {
  if (input.length <= 3) return 1;
  return Math.min(4, Math.max(2, Math.floor(input.length / 3)));
}

/** Short strings are prefixes of too much (`g` of every gemini id); require some substance. */
function isPrefixMatch(a: string, b: string): boolean {
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  return shorter.length >= 4 && shorter.length < longer.length && longer.startsWith(shorter);
}

// Three reused rows: suggestions run once per unknown name, over catalogues of a few hundred ids.
let rows: [Int32Array, Int32Array, Int32Array] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/**
 * Optimal-string-alignment distance between a and b, or `bound + 1` as soon as it is certain to
 * exceed `bound`. Only the diagonal band |i - j| <= bound is computed (cells outside it exceed the
 * bound anyway), and a row whose minimum exceeds the bound ends the search — row minima never
 * decrease, transpositions included.
 */
export function boundedDistance(a: string, b: string, bound: number): number {
  const inf = bound + 1;
  if (Math.abs(a.length - b.length) > bound) return inf;
  if (a === b) return 0;
  // A shared prefix costs nothing; one character of it is kept so a transposition across its end still counts.
  let start = 0;
  while (start < a.length && start < b.length && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  start = Math.max(0, start - 1);
  const m = a.length - start;
  const n = b.length - start;
  if (rows[0].length <= n + 1) rows = [new Int32Array(n + 2), new Int32Array(n + 2), new Int32Array(n + 2)];
  let [prevPrev, prev, cur] = rows;
  for (let j = 0; j <= n; j++) prev[j] = j <= bound ? j : inf;
  for (let i = 1; i <= m; i++) {
    const lo = Math.max(1, i - bound);
    const hi = Math.min(n, i + bound);
    cur[lo - 1] = lo === 1 && i <= bound ? i : inf;
    let rowMin = cur[lo - 1]!;
    const ca = a.charCodeAt(start + i - 1);
    const caPrev = i > 1 ? a.charCodeAt(start + i - 2) : -1;
    for (let j = lo; j <= hi; j++) {
      const cb = b.charCodeAt(start + j - 1);
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ca === cb ? 0 : 1));
      if (j > 1 && ca === b.charCodeAt(start + j - 2) && caPrev === cb && prevPrev[j - 2]! + 1 < d) d = prevPrev[j - 2]! + 1;
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (hi < n) cur[hi + 1] = inf;
    if (rowMin > bound) return inf;
    [prevPrev, prev, cur] = [prev, cur, prevPrev];
  }
  return Math.min(prev[n]!, inf);
}
