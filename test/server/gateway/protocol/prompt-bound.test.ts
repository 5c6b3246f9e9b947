import { describe, expect, it } from 'vitest';
import { IMAGE_PART_TOKENS, MESSAGE_OVERHEAD_TOKENS, PART_OVERHEAD_TOKENS, promptBound, REQUEST_OVERHEAD_TOKENS, TOOLS_OVERHEAD_TOKENS } from '../../../../src/server/gateway/protocol/prompt-bound.js';

const bytes = (s: string) => Buffer.byteLength(s);
const base = REQUEST_OVERHEAD_TOKENS + MESSAGE_OVERHEAD_TOKENS;

describe('promptBound: UTF-8 bytes of the text plus documented overheads', () => {
  it.each([
    ['a plain message: its role and text', { messages: [{ role: 'user', content: 'hello world' }] }, base + bytes('user') + bytes('hello world')],
    ['multi-byte text counts its UTF-8 bytes', { messages: [{ role: 'user', content: 'こんにちは' }] }, base + 4 + 15],
    [
      'a text part and an image part',
      { messages: [{ role: 'user', content: [{ type: 'text', text: 'what is this?' }, { type: 'image_url', image_url: { url: `data:image/png;base64,${'A'.repeat(100_000)}` } }] }] },
      base + 4 + PART_OVERHEAD_TOKENS + bytes('text') + bytes('what is this?') + IMAGE_PART_TOKENS,
    ],
    [
      'Anthropic system and a tool_use input (its JSON: keys and punctuation are tokens too)',
      { system: 'be brief', messages: [{ role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'get', input: { a: 1, b: 2 } }] }] },
      base + bytes('be brief') + bytes('assistant') + PART_OVERHEAD_TOKENS + bytes('tool_use') + 2 + 3 + bytes('{"a":1,"b":2}'),
    ],
    [
      'tool definitions: their JSON bytes and the tool-use preamble',
      { messages: [{ role: 'user', content: 'hi' }], tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }] },
      base + 6 + bytes(JSON.stringify([{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }])) + TOOLS_OVERHEAD_TOKENS,
    ],
  ])('%s', (_what, body, expected) => {
    expect(promptBound(body as Record<string, unknown>).upperBound).toBe(expected);
  });

  it('is far tighter than the body’s bytes for ordinary prompts, and never below the text’s bytes', () => {
    const text = 'Summarise the build log and say whether the failure looks flaky. '.repeat(4);
    const body = { model: 'p/m', max_tokens: 20, temperature: 0.2, messages: [{ role: 'system', content: 'You are terse.' }, { role: 'user', content: text }] };
    const { upperBound, estimate } = promptBound(body);
    expect(upperBound).toBeGreaterThanOrEqual(bytes(text) + bytes('You are terse.'));
    expect(upperBound).toBeLessThan(bytes(JSON.stringify(body)));
    expect(estimate).toBeLessThan(upperBound);
  });
});
