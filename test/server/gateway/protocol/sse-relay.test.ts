import { describe, expect, it } from 'vitest';
import { SseRelay, streamErrorEvent } from '../../../../src/server/gateway/protocol/sse-relay.js';

const chunk = (model: string, extra: object = {}) => `data: ${JSON.stringify({ id: 'c', model, choices: [{ delta: { content: 'x' } }], ...extra })}\n\n`;
const usageChunk = `data: ${JSON.stringify({ id: 'c', model: 'up', choices: [], usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 } })}\n\n`;

describe('SseRelay', () => {
  it('names the serving model, reads the usage and drops the usage chunk the client did not ask for', () => {
    const relay = new SseRelay('openai', 'nvidia/z-ai/glm4.7', { stripUsageChunk: true });
    const out = relay.push(chunk('up') + usageChunk + 'data: [DONE]\n\n') + relay.end();
    expect(out).toContain('"model":"nvidia/z-ai/glm4.7"');
    expect(out).not.toContain('"usage"');
    expect(out).toMatch(/\n\ndata: \[DONE\]\n\n$/);
    expect(relay.usage).toEqual({ input: 3, output: 4, total: 7 });
    expect(relay.finished).toBe(true);
  });

  it('keeps the usage chunk when the client asked for it', () => {
    const relay = new SseRelay('openai', 'p/m');
    expect(relay.push(usageChunk)).toContain('"total_tokens":7');
  });

  it.each([1, 2, 3, 7, 50])('gives the same output whatever the chunk boundaries (every %i bytes)', (size) => {
    const input = chunk('up') + chunk('up') + usageChunk + 'data: [DONE]\n\n';
    const whole = new SseRelay('openai', 'p/m', { stripUsageChunk: true });
    const expected = whole.push(input) + whole.end();
    const split = new SseRelay('openai', 'p/m', { stripUsageChunk: true });
    let out = '';
    for (let i = 0; i < input.length; i += size) out += split.push(Buffer.from(input.slice(i, i + size)));
    out += split.end();
    expect(out).toBe(expected);
    expect(split.usage?.total).toBe(7);
  });

  it.each([1, 2, 3, 5, 13, 64])('redacts the upstream key however the chunks split it (every %i bytes), and keeps split UTF-8 characters whole', (size) => {
    const key = 'sk-live-0123456789abcdef';
    const input = Buffer.from(chunk('up') + `data: {"choices":[{"delta":{"content":"é ${key} 模型 sk-live-0 ${key}"}}]}\n\n` + 'data: [DONE]\n\n');
    const relay = new SseRelay('openai', 'p/m', { apiKey: key });
    let out = '';
    for (let i = 0; i < input.length; i += size) out += relay.push(input.subarray(i, i + size));
    out += relay.end();
    expect(out).not.toContain(key);
    expect(out).toContain('"content":"é (redacted) 模型 sk-live-0 (redacted)"');
    expect(relay.finished).toBe(true);
  });

  it('holds back no more than what could start the key, and lets it go when the stream ends', () => {
    const relay = new SseRelay('openai', 'p/m', { apiKey: 'sk-live-0123456789abcdef' });
    expect(relay.push('data: {"x":"ends with sk-li')).toBe('');
    expect(relay.push('ne"}\n')).toBe('data: {"x":"ends with sk-line"}\n');
    expect(relay.push('data: last sk-')).toBe('');
    expect(relay.end()).toBe('data: last sk-');
  });

  it('adds up Anthropic usage from message_start and the last message_delta', () => {
    const relay = new SseRelay('anthropic', 'claude/claude-sonnet-4-6');
    const ev = (name: string, data: object) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
    const out = relay.push(
      ev('message_start', { type: 'message_start', message: { model: 'claude-sonnet-4-6', usage: { input_tokens: 20, cache_read_input_tokens: 5, output_tokens: 1 } } }) +
        ev('message_delta', { type: 'message_delta', usage: { output_tokens: 9 } }) +
        ev('message_stop', { type: 'message_stop' }),
    );
    expect(out).toContain('"model":"claude/claude-sonnet-4-6"');
    expect(relay.usage).toEqual({ input: 25, output: 9, total: 34 });
    expect(relay.finished).toBe(true);
  });

  it('is not finished when the stream ended without [DONE]', () => {
    const relay = new SseRelay('openai', 'p/m', { stripUsageChunk: true });
    relay.push(chunk('up'));
    expect(relay.finished).toBe(false);
  });

  it.each([['openai', /^data: \{"error":\{.*"code":"upstream_stream_broken"/], ['anthropic', /^event: error\ndata: \{"type":"error"/]] as const)('ends a broken %s stream with an explicit error event', (dialect, shape) => {
    expect(streamErrorEvent(dialect, 'broke')).toMatch(shape);
  });
});
