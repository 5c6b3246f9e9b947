import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifests as m, startHarness, type Harness } from './harness.js';

/**
 * The provider key an upstream echoes back never reaches the client: redacted in streamed answers
 * as in buffered ones, wherever the upstream's network chunks split it.
 */
const UPSTREAM_KEY = 'sk-upstream-CANARY-1618033988';
let h: Harness;
let key: string;
const msg = [{ role: 'user' as const, content: 'hi' }];
const chunk = (content: string) => `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;
const echo = `your key is ${UPSTREAM_KEY}, keep it safe`;
/** One stream, whose bytes the upstream writes in the given slices. */
const sliced = (cut: (whole: string) => string[]) => cut(chunk('') + chunk(echo) + 'data: [DONE]\n\n');

beforeAll(async () => {
  h = await startHarness();
  await h.apply(
    m.secret('echo-key', UPSTREAM_KEY),
    m.provider('echo', `${h.upstream.url}/v1`, { allowedModels: ['whole', 'split', 'bytes', 'buffered'] }),
    m.secret('claude-key', UPSTREAM_KEY),
    m.provider('claude', h.upstream.url, { provider: 'anthropic', allowedModels: ['echo'] }),
    m.accessKey('dev', { modelProviders: ['echo', 'claude'] }),
  );
  key = await h.mintKey('dev');
  h.upstream.behave('whole', { content: [echo] });
  const at = UPSTREAM_KEY.indexOf('CANARY');
  // The key cut in two network chunks, in the middle of its data line.
  h.upstream.behave('split', { chunkDelayMs: 5, rawChunks: sliced((s) => [s.slice(0, s.indexOf(UPSTREAM_KEY) + at), s.slice(s.indexOf(UPSTREAM_KEY) + at)]) });
  // Every byte its own chunk.
  h.upstream.behave('bytes', { chunkDelayMs: 0, rawChunks: sliced((s) => s.split('')) });
  h.upstream.behave('buffered', { content: [echo] });
  h.upstream.behave('echo', { content: [echo] });
});
afterAll(() => h.close());

describe('a provider key echoed in a stream', () => {
  it.each(['whole', 'split', 'bytes'])('never reaches the client (%s)', async (model) => {
    const res = await h.ext('/chat/completions', { key, body: { model: `echo/${model}`, messages: msg, stream: true } });
    const text = await res.text();
    expect(text).not.toContain(UPSTREAM_KEY);
    expect(text).not.toContain('CANARY-1618033988');
    expect(text).toContain('your key is (redacted), keep it safe');
    expect(text).toContain('[DONE]');
  });

  it('the official SDK reads the redacted stream', async () => {
    const stream = await h.openai(key).chat.completions.create({ model: 'echo/split', messages: msg, stream: true });
    let text = '';
    for await (const c of stream) text += c.choices[0]?.delta?.content ?? '';
    expect(text).toBe('your key is (redacted), keep it safe');
  });

  it('Messages streams are redacted too', async () => {
    const res = await h.ext('/messages', { key, body: { model: 'claude/echo', messages: msg, max_tokens: 50, stream: true } });
    const text = await res.text();
    expect(text).not.toContain(UPSTREAM_KEY);
    expect(text).toContain('message_stop');
  });

  it('as buffered answers are', async () => {
    const res = await h.openai(key).chat.completions.create({ model: 'echo/buffered', messages: msg });
    expect(res.choices[0]!.message.content).toBe('your key is (redacted), keep it safe');
  });
});
