/**
 * How many tokens a prompt can cost at most, counted cheaply (no tokenizer): what a budget must
 * reserve before the call, so that the reservation is never smaller than what the upstream will
 * report. Tokenizers of current models are byte-level, so a token covers at least one byte of
 * text: the UTF-8 bytes of the text are a true upper bound of its tokens. On top of the text
 * come the tokens a chat template adds around it, which the constants below bound.
 */
export interface PromptBound {
  /** Never fewer than the upstream will count (what budgets reserve). */
  upperBound: number;
  /** A realistic estimate (≈ 4 bytes a token), for per-request limits that must not refuse ordinary prompts. */
  estimate: number;
}

/** Template tokens around the whole prompt (the reply's priming, a default system header). */
export const REQUEST_OVERHEAD_TOKENS = 16;
/** Template tokens around each message (start/end markers, the role line). */
export const MESSAGE_OVERHEAD_TOKENS = 8;
/** Template tokens around each part, tool call or tool result inside a message. */
export const PART_OVERHEAD_TOKENS = 4;
/** Tool definitions bring a tool-use preamble (Anthropic's is ≈ 350 tokens). */
export const TOOLS_OVERHEAD_TOKENS = 400;
/** An image part, whatever its bytes (a high-detail image is ≈ 1,100–1,600 tokens). */
export const IMAGE_PART_TOKENS = 2_000;

/** Parts whose tokens do not follow their bytes: counted as IMAGE_PART_TOKENS each. */
const IMAGE_PARTS = new Set(['image_url', 'image', 'input_image']);
/** Parts that carry a file (PDF, audio): their bytes (base64 included) plus IMAGE_PART_TOKENS. */
const FILE_PARTS = new Set(['document', 'file', 'input_audio', 'input_file']);
/** Request fields that become prompt text besides the messages, counted as their JSON bytes. */
const DEFINITION_FIELDS = ['tools', 'functions', 'tool_choice', 'function_call', 'response_format'] as const;

/**
 * The bound of a chat-completions or Messages body: per request and per message overheads, the
 * UTF-8 bytes of every string in the messages (and Anthropic's `system`), each image as
 * IMAGE_PART_TOKENS, and the JSON bytes of tool definitions and response formats (plus
 * TOOLS_OVERHEAD_TOKENS when tools are given).
 */
export function promptBound(body: Record<string, unknown>): PromptBound {
  const count = { textBytes: 0, fixed: REQUEST_OVERHEAD_TOKENS };
  addContent(body.system, count);
  for (const message of body.messages as unknown[]) {
    count.fixed += MESSAGE_OVERHEAD_TOKENS;
    addContent(message, count, true);
  }
  for (const field of DEFINITION_FIELDS) {
    const value = body[field];
    if (value === undefined || value === null) continue;
    count.textBytes += Buffer.byteLength(JSON.stringify(value));
    if ((field === 'tools' || field === 'functions') && Array.isArray(value) && value.length > 0) count.fixed += TOOLS_OVERHEAD_TOKENS;
  }
  return { upperBound: count.textBytes + count.fixed, estimate: Math.ceil(count.textBytes / 4) + count.fixed };
}

/**
 * Adds a value's bytes: strings as their UTF-8 bytes; a part (an object with a `type`) by its
 * values, an image as IMAGE_PART_TOKENS; any other object (tool-call arguments, a tool's input)
 * as its JSON bytes, since its keys and punctuation become tokens too.
 */
function addContent(value: unknown, count: { textBytes: number; fixed: number }, walkObject = false): void {
  if (typeof value === 'string') count.textBytes += Buffer.byteLength(value);
  else if (typeof value === 'number' || typeof value === 'boolean') count.textBytes += String(value).length;
  else if (Array.isArray(value)) for (const item of value) addContent(item, count);
  else if (value && typeof value === 'object') {
    const type = (value as { type?: unknown }).type;
    if (typeof type !== 'string' && !walkObject) {
      count.textBytes += Buffer.byteLength(JSON.stringify(value));
      return;
    }
    if (typeof type === 'string' && IMAGE_PARTS.has(type)) {
      count.fixed += IMAGE_PART_TOKENS;
      return;
    }
    if (typeof type === 'string') count.fixed += PART_OVERHEAD_TOKENS + (FILE_PARTS.has(type) ? IMAGE_PART_TOKENS : 0);
    for (const item of Object.values(value)) addContent(item, count);
  }
}
