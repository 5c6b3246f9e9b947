/** How deeply a request body may nest objects and arrays (the top-level value is depth 1). Real
 * LLM and API bodies stay far below it; deeper input only serves to exhaust a recursive walker
 * (JSON.stringify, schema validation) further on. */
export const MAX_JSON_DEPTH = 64;

/**
 * Whether a parsed JSON value nests objects and arrays deeper than `max` (scalars add no depth).
 * Iterative on purpose: it must be safe on exactly the input that would overflow a recursive walk.
 */
export function jsonDepthExceeds(value: unknown, max: number): boolean {
  const values: unknown[] = [value];
  const depths: number[] = [1];
  while (values.length > 0) {
    const v = values.pop();
    const depth = depths.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (child !== null && typeof child === 'object') {
        values.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return false;
}
