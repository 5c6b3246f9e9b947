import type { Dialect } from '../errors.js';

/**
 * The text of a model's answer, for response guards: what the model wrote (text, refusals,
 * reasoning) and the arguments of the tools it calls — everything that may carry an injection
 * on to the agent. Never logged.
 */

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** OpenAI's `message` (buffered) or `delta` (streamed): content, refusal, reasoning, tool-call arguments. */
function openAiMessageText(m: Obj | undefined): string {
  if (!m) return '';
  const content = Array.isArray(m.content) ? list(m.content).map((p) => str(obj(p)?.text)).join('') : str(m.content);
  const tools = list(m.tool_calls).map((t) => str(obj(obj(t)?.function)?.arguments));
  return [content, str(m.refusal), str(m.reasoning_content), ...tools].join('');
}

/** Anthropic's content block (buffered, or at a stream's content_block_start) or a block's delta. */
function anthropicBlockText(b: Obj | undefined): string {
  if (!b) return '';
  const input = b.input !== undefined && Object.keys(obj(b.input) ?? {}).length > 0 ? JSON.stringify(b.input) : '';
  return str(b.text) + str(b.thinking) + str(b.partial_json) + input;
}

/** The text of a buffered answer (its JSON body). Not JSON: the body itself. */
export function answerText(body: string, dialect: Dialect): string {
  let parsed: Obj | undefined;
  try {
    parsed = obj(JSON.parse(body));
  } catch {
    return body;
  }
  if (!parsed) return body;
  if (dialect === 'anthropic') return list(parsed.content).map((b) => anthropicBlockText(obj(b))).join('\n');
  return list(parsed.choices).map((c) => openAiMessageText(obj(obj(c)?.message))).join('\n');
}

/** The text one parsed stream event adds to the answer. */
export function deltaText(event: unknown, dialect: Dialect): string {
  const e = obj(event);
  if (!e) return '';
  if (dialect === 'anthropic') return anthropicBlockText(obj(e.delta) ?? obj(e.content_block));
  return list(e.choices).map((c) => openAiMessageText(obj(obj(c)?.delta))).join('');
}
