import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { manifests as m, startHarness, type Harness } from './harness.js';

let h: Harness;
let key: string;
let agentKey: string;
const msg = [{ role: 'user' as const, content: 'hi' }];

beforeAll(async () => {
  h = await startHarness();
  const up = `${h.upstream.url}/v1`;
  await h.apply(
    m.secret('primary-key', 'sk-p'),
    m.secret('backup-key', 'sk-b'),
    // backup first: the server refuses a fallback to a provider that does not exist yet.
    m.provider('backup', up, { allowedModels: ['small'], retry: { maxAttempts: 1, initialBackoffMs: 1, maxBackoffMs: 1 } }),
    m.provider('primary', up, { allowedModels: ['big', 'flaky', 'streamer', 'breaker', 'bad'], maxTokensPerDay: 1000, fallbacks: ['backup/small'] }),
    m.accessKey('dev', { modelProviders: ['primary', 'backup'] }),
    m.agent('reviewer', { models: ['primary/big', 'backup/small'], tokens: { maxPerDay: 100_000 } }),
    m.accessKey('reviewer-key', { agent: 'reviewer' }),
  );
  key = await h.mintKey('dev');
  agentKey = await h.mintKey('reviewer-key');
});
afterAll(() => h.close());
beforeEach(() => h.upstream.reset());

describe('fallback', () => {
  it("falls over to the provider's fallback when the primary's budget is spent, and names the model that served", async () => {
    h.upstream.behave('big', { usage: { prompt: 10, completion: 'max' } });
    const client = h.openai(key);
    const first = await client.chat.completions.create({ model: 'primary/big', messages: msg, max_tokens: 700 }).withResponse();
    expect(first.response.headers.get('x-pai-model')).toBe('primary/big');
    const second = await client.chat.completions.create({ model: 'primary/big', messages: msg, max_tokens: 700 }).withResponse();
    expect(second.data.model).toBe('backup/small');
    expect(second.response.headers.get('x-pai-model')).toBe('backup/small');
    expect(h.upstream.seen.map((s) => s.body.model)).toEqual(['big', 'small']);
  });

  it('retries a failing upstream with its retry policy, then falls over', async () => {
    h.upstream.behave('flaky', { status: 503 });
    const res = await h.openai(key).chat.completions.create({ model: 'primary/flaky', messages: msg, max_tokens: 10 }).withResponse();
    expect(res.data.model).toBe('backup/small');
    expect(h.upstream.seen.map((s) => s.body.model)).toEqual(['flaky', 'flaky', 'small']); // maxAttempts 2
    const audit = h.logs.filter((l) => l.msg === 'gateway request').at(-1)!;
    expect(audit).toMatchObject({ model: 'backup/small', attempts: 3, fallbacks: 1 });
  });

  it('recovers within the retry policy without falling over', async () => {
    h.upstream.behave('flaky', { status: 429, times: 1 });
    const res = await h.openai(key).chat.completions.create({ model: 'primary/flaky', messages: msg, max_tokens: 10 });
    expect(res.model).toBe('primary/flaky');
  });

  it('answers 502 when the whole chain fails, after every retry', async () => {
    h.upstream.behave('flaky', { reset: true }).behave('small', { status: 500 });
    const err = await h.openai(key).chat.completions.create({ model: 'primary/flaky', messages: msg, max_tokens: 10 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect((err as InstanceType<typeof OpenAI.APIError>).status).toBe(502);
    expect((err as InstanceType<typeof OpenAI.APIError>).code).toBe('upstream_unavailable');
  });

  it('passes a client error from the upstream on instead of falling over', async () => {
    h.upstream.behave('bad', { status: 400 });
    const err = await h.openai(key).chat.completions.create({ model: 'primary/bad', messages: msg, max_tokens: 10 }).catch((e: unknown) => e);
    expect((err as InstanceType<typeof OpenAI.APIError>).status).toBe(400);
    expect(h.upstream.seen.map((s) => s.body.model)).toEqual(['bad']);
  });

  it("serves an Agent's key from its models in order: 'default' is the primary, the next when its budget is spent", async () => {
    h.upstream.behave('big', { usage: { prompt: 10, completion: 'max' } });
    const client = h.openai(agentKey);
    // The primary provider's 1000-token day was spent by the first test: the Agent's next model serves.
    const res = await client.chat.completions.create({ model: 'default', messages: msg, max_tokens: 400 });
    expect(res.model).toBe('backup/small');
    const small = await client.chat.completions.create({ model: 'default', messages: msg, max_tokens: 10 });
    expect(small.model).toBe('primary/big');
    const models = await client.models.list();
    expect(models.data.map((x) => x.id)).toEqual(['default', 'primary/big', 'backup/small']);
  });
});

describe('streaming fallback', () => {
  it('falls over when the stream fails before its first byte', async () => {
    h.upstream.behave('streamer', { reset: true });
    const stream = await h.openai(key).chat.completions.create({ model: 'primary/streamer', messages: msg, max_tokens: 10, stream: true });
    const models = new Set<string>();
    let text = '';
    for await (const chunk of stream) {
      models.add(chunk.model);
      text += chunk.choices[0]?.delta?.content ?? '';
    }
    expect([...models]).toEqual(['backup/small']);
    expect(text).toBe('part0 part1 part2 ');
  });

  it('ends a stream that breaks after its first byte with an explicit error event, never [DONE]', async () => {
    h.upstream.behave('breaker', { breakAfterChunks: 2, chunkDelayMs: 5 });
    const raw = await h.ext('/chat/completions', { key, body: { model: 'primary/breaker', messages: msg, max_tokens: 10, stream: true } });
    expect(raw.status).toBe(200);
    const text = await raw.text();
    expect(text).toContain('part1 ');
    expect(text).not.toContain('[DONE]');
    const last = text.trim().split('\n\n').at(-1)!;
    expect(JSON.parse(last.slice('data: '.length)).error.code).toBe('upstream_stream_broken');
    expect(h.upstream.seen.map((s) => s.body.model)).toEqual(['breaker']); // no fallback after the first byte

    const sdk = await h.openai(key).chat.completions.create({ model: 'primary/breaker', messages: msg, max_tokens: 10, stream: true });
    const consume = async () => {
      for await (const _ of sdk) void _;
    };
    await expect(consume()).rejects.toThrow(/broke off the stream/);
  });
});
