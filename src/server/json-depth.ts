/** How deeply a request body may nest objects and arrays (the top-level value is depth 1). Real
 * LLM and API bodies stay far below it; deeper input only serves to exhaust a recursive walker
 * (JSON.stringify, schema validation) further on. */
export const MAX_JSON_DEPTH = 64;

/**
 * Whether a parsed JSON value nests objects and arrays deeper than `max` (scalars add no depth).
 * Iterative on purpose: it must be safe on exactly the input that would overflow a recursive walk.
 */
export function jsonDepthExceeds(value: unknown, max: number): boolean {
  const values: object[] = [];
  const depths: number[] = [];
  const visit = (v: unknown, depth: number): void => {
    if (v !== null && typeof v === 'object') {
      values.push(v);
      depths.push(depth);
    }
  };
  visit(value, 1);
  while (values.length > 0) {
    const v = values.pop() as Record<string, unknown> | unknown[];
    const depth = depths.pop()!;
    if (depth > max) return true;
    if (Array.isArray(v)) for (let i = 0; i < v.length; i++) visit(v[i], depth + 1);
    else for (const k in v) visit(v[k], depth + 1);
  }
  return false;
}
