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
  /** Which field the client used for it (and the gateway sets). */
  maxTokensField: 'max_tokens' | 'max_completion_tokens';
  /** An upper bound of the prompt's tokens (see promptBound): what budgets reserve for it. */
  promptTokensUpperBound: number;
  /** A realistic estimate (≈ 4 bytes a token), for per-request limits that must not refuse
   * ordinary prompts. */
  promptTokensEstimate: number;
  /** How many completions the request asks for (OpenAI's `n`): each may use max_tokens. */
  completions: number;
}

/** Checks a chat-completions or Messages body; the 400s name the field, never its value. */
export function readClientRequest(body: unknown, dialect: Dialect): ClientRequest {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new GatewayError('invalid_request', 'the request body must be a JSON object');
  }
  const b = body as Record<string, unknown>;
  if (typeof b.model !== 'string' || b.model === '') throw new GatewayError('invalid_request', '"model" must be a model name, e.g. <provider>/<model-id>', { param: 'model' });
  if (!Array.isArray(b.messages) || b.messages.length === 0) {
    throw new GatewayError('invalid_request', '"messages" must be a non-empty array', { param: 'messages' });
  }
  const maxField = dialect === 'openai' && b.max_completion_tokens !== undefined ? 'max_completion_tokens' : 'max_tokens';
  const requested = b[maxField];
  if (requested !== undefined && requested !== null && (typeof requested !== 'number' || !Number.isInteger(requested) || requested < 1)) {
    throw new GatewayError('invalid_request', `"${maxField}" must be a positive integer`, { param: maxField });
  }
  const options = b.stream_options as { include_usage?: unknown } | undefined;
  const bound = promptBound(b);
  return {
    dialect,
    body: b,
    model: b.model,
    stream: b.stream === true,
    clientWantsUsage: options?.include_usage === true,
    requestedMaxTokens: typeof requested === 'number' ? requested : undefined,
    maxTokensField: maxField,
    promptTokensUpperBound: bound.upperBound,
    promptTokensEstimate: bound.estimate,
    completions: dialect === 'openai' && typeof b.n === 'number' && Number.isInteger(b.n) && b.n > 1 ? b.n : 1,
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
