import type { Dialect } from '../errors.js';

/** Tokens one call used, as the upstream reported them. */
export interface Usage {
  input: number;
  output: number;
  total: number;
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0);

/**
 * A usage object in either dialect: OpenAI's `{prompt_tokens, completion_tokens, total_tokens}`
 * or Anthropic's `{input_tokens, output_tokens, cache_creation_input_tokens,
 * cache_read_input_tokens}` (cache tokens are input tokens too: they count against budgets).
 */
export function usageFrom(value: unknown, dialect: Dialect): Usage | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const u = value as Record<string, unknown>;
  if (dialect === 'anthropic') {
    if (u.input_tokens === undefined && u.output_tokens === undefined) return undefined;
    const input = num(u.input_tokens) + num(u.cache_creation_input_tokens) + num(u.cache_read_input_tokens);
    const output = num(u.output_tokens);
    return { input, output, total: input + output };
  }
  if (u.prompt_tokens === undefined && u.completion_tokens === undefined && u.total_tokens === undefined) return undefined;
  const input = num(u.prompt_tokens);
  const output = num(u.completion_tokens);
  return { input, output, total: Math.max(num(u.total_tokens), input + output) };
}

/** The last `"usage":{…}` object in a JSON text (one level of nested objects allowed, as in
 * `prompt_tokens_details`), found without parsing the whole document. */
const USAGE_PATTERN = /"usage"\s*:\s*(\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\})/g;

/** The usage of a buffered JSON response, read from its text. */
export function usageFromJsonText(text: string, dialect: Dialect): Usage | undefined {
  let last: string | undefined;
  for (const m of text.matchAll(USAGE_PATTERN)) last = m[1];
  if (last === undefined) return undefined;
  try {
    return usageFrom(JSON.parse(last), dialect);
  } catch {
    return undefined;
  }
}

const MODEL_PATTERN = /"model"\s*:\s*"(?:[^"\\]|\\.)*"/;

/**
 * Replaces the first `"model":"…"` of a JSON text with the model reference that served the
 * request (`nvidia/z-ai/glm4.7`), so that clients see which model of a fallback chain answered,
 * without parsing and re-serialising the response. (The top-level `model` of OpenAI and
 * Anthropic responses comes before any content, and content strings escape their quotes.)
 */
export function withModel(text: string, ref: string): string {
  return text.replace(MODEL_PATTERN, () => `"model":${JSON.stringify(ref)}`);
}
