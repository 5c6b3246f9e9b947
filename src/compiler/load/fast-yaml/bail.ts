/**
 * Thrown (never as an Error, so no stack is captured) when the fast parser meets anything it does
 * not handle exactly like the yaml package; `parseFastYaml` catches it and answers null.
 */
export const BAIL: unique symbol = Symbol('fast-yaml: not in the fast subset');

/** Gives up on the fast path. */
export function bail(): never {
  throw BAIL;
}

/** Deeper nesting than this is not a manifest; the yaml package deals with it (or reports it). */
export const MAX_DEPTH = 100;
