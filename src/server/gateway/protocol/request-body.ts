import { GatewayError, type Dialect } from '../errors.js';
import { promptBound } from './prompt-bound.js';

/** A gateway request body, checked enough to route, budget and scan it. */
export interface ClientRequest {
  dialect: Dialect;
  body: Record<string, unknown>;
  model: string;
  stream: boolean;
  /** The client asked for `stream_options.include_usage` itself (else its usage chunk is dropped). */
  clientWantsUsage: boolean;
  /** `max_tokens` / `max_completion_tokens` as sent, if any. */
  requestedMaxTokens: number | undefined;
  /** How many completions the client asked for (OpenAI's `n`): each may use max_tokens. */
  completions: number;
  /** Which field the client used for it (and the gateway sets). */
  maxTokensField: 'max_tokens' | 'max_completion_tokens';
  /** An upper bound of the prompt's tokens (see promptBound): what budgets reserve for it. */
  promptTokensUpperBound: number;
  /** A realistic estimate (≈ 4 bytes a token), for per-request limits that must not refuse
   * ordinary prompts. */
  promptTokensEstimate: number;
}

/**
 * What a model reference may contain: visible ASCII, no spaces or control characters, at most
 * 320 characters (a 63-character provider name, `/`, a 256-character model id) — the same rule
 * as `modelRef`/`modelId` in schemas/common.schema.json. The model travels back in the
 * `x-pai-model` response header, where anything else cannot go.
 */
export const MODEL_REF_PATTERN = '^[!-~]+$';
export const MODEL_REF_MAX_LENGTH = 320;
const MODEL_REF = new RegExp(MODEL_REF_PATTERN);

/** The largest max_tokens the gateway forwards: above any model's output limit, and small enough
 * that the reservation (prompt bound + max_tokens × n) stays an exact integer far below 2^53. */
export const MAX_TOKENS_LIMIT = 10_000_000;

/** The range of a numeric request field. */
interface NumberRule {
  integer: boolean;
  min: number;
  max: number;
}
const count = (min: number, max: number): NumberRule => ({ integer: true, min, max });
const real = (min: number, max: number): NumberRule => ({ integer: false, min, max });

/**
 * The numeric fields checked before anything is reserved or forwarded, with the ranges the
 * vendors document: a number out of range is the client's mistake (400), never a reservation,
 * a SQL value or an upstream error.
 */
const NUMBER_FIELDS: Record<Dialect, Record<string, NumberRule>> = {
  openai: {
    max_tokens: count(1, MAX_TOKENS_LIMIT),
    max_completion_tokens: count(1, MAX_TOKENS_LIMIT),
    n: count(1, 128),
    temperature: real(0, 2),
    top_p: real(0, 1),
    presence_penalty: real(-2, 2),
    frequency_penalty: real(-2, 2),
    top_logprobs: count(0, 20),
    seed: count(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
  },
  anthropic: { max_tokens: count(1, MAX_TOKENS_LIMIT), temperature: real(0, 1), top_p: real(0, 1), top_k: count(0, 1_000_000) },
};

/** Refuses a numeric field (absent and null are fine) outside its range; names the field, never the value. */
function checkNumbers(b: Record<string, unknown>, dialect: Dialect): void {
  for (const [field, rule] of Object.entries(NUMBER_FIELDS[dialect])) {
    const v = b[field];
    if (v === undefined || v === null) continue;
    if (typeof v === 'number' && (rule.integer ? Number.isInteger(v) : Number.isFinite(v)) && v >= rule.min && v <= rule.max) continue;
    const what = rule.integer ? 'an integer' : 'a number';
    const range = rule.max === Number.MAX_SAFE_INTEGER ? 'a safe integer (|n| < 2^53)' : `${what} from ${rule.min} to ${rule.max}`;
    throw new GatewayError('invalid_request', `"${field}" must be ${range}`, { param: field });
  }
}

/** Checks a chat-completions or Messages body; the 400s name the field, never its value. */
export function readClientRequest(body: unknown, dialect: Dialect): ClientRequest {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new GatewayError('invalid_request', 'the request body must be a JSON object');
  }
  const b = body as Record<string, unknown>;
  if (typeof b.model !== 'string' || b.model === '') throw new GatewayError('invalid_request', '"model" must be a model name, e.g. <provider>/<model-id>', { param: 'model' });
  if (b.model.length > MODEL_REF_MAX_LENGTH || !MODEL_REF.test(b.model)) {
    throw new GatewayError('invalid_request', '"model" may only contain visible ASCII characters (no spaces, control or non-ASCII characters, at most 320), e.g. <provider>/<model-id>', { param: 'model' });
  }
  if (!Array.isArray(b.messages) || b.messages.length === 0) {
    throw new GatewayError('invalid_request', '"messages" must be a non-empty array', { param: 'messages' });
  }
  checkNumbers(b, dialect);
  const maxField = dialect === 'openai' && b.max_completion_tokens !== undefined && b.max_completion_tokens !== null ? 'max_completion_tokens' : 'max_tokens';
  const requested = b[maxField];
  const options = b.stream_options as { include_usage?: unknown } | undefined;
  const bound = promptBound(b);
  return {
    dialect,
    body: b,
    model: b.model,
    stream: b.stream === true,
    clientWantsUsage: options?.include_usage === true,
    requestedMaxTokens: typeof requested === 'number' ? requested : undefined,
    completions: dialect === 'openai' && typeof b.n === 'number' ? b.n : 1,
    maxTokensField: maxField,
    promptTokensUpperBound: bound.upperBound,
    promptTokensEstimate: bound.estimate,
  };
}

/**
 * The prompt as text, for guards: every string content of the messages (and Anthropic's
 * `system`), joined by newlines. Never logged.
 */
export function promptText(body: Record<string, unknown>): string {
  const parts: string[] = [];
  const add = (content: unknown): void => {
    if (typeof content === 'string') parts.push(content);
    else if (Array.isArray(content)) {
      for (const part of content) {
        const p = part as { type?: unknown; text?: unknown; content?: unknown };
        if (typeof p?.text === 'string') parts.push(p.text);
        else if (p?.type === 'tool_result') add(p.content);
      }
    }
  };
  add(body.system);
  for (const m of body.messages as unknown[]) add((m as { content?: unknown })?.content);
  return parts.join('\n');
}
