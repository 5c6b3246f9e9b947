import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifests as m, startHarness, type Harness } from './harness.js';

const UPSTREAM_KEY = 'sk-upstream-CANARY-3141592653';
let h: Harness;
let key: string;

beforeAll(async () => {
  h = await startHarness();
  await h.apply(
    m.secret('nvidia-key', UPSTREAM_KEY),
    m.provider('nvidia', `${h.upstream.url}/v1`, { allowedModels: ['z-ai/glm4.7', 'meta/llama-3.1-8b'] }),
    m.accessKey('alice', { modelProviders: ['nvidia'] }),
  );
  key = await h.mintKey('alice');
});
afterAll(() => h.close());

describe('OpenAI-compatible chat completions through the gateway', () => {
  it('answers a buffered completion with the official SDK, naming the model that served it', async () => {
    h.upstream.reset();
    const res = await h.openai(key).chat.completions.create({ model: 'nvidia/z-ai/glm4.7', messages: [{ role: 'user', content: 'hi' }] }).withResponse();
    expect(res.data.choices[0]!.message.content).toBe('hello from the fake');
    expect(res.data.model).toBe('nvidia/z-ai/glm4.7');
    expect(res.data.usage?.total_tokens).toBe(15);
    expect(res.response.headers.get('x-pai-model')).toBe('nvidia/z-ai/glm4.7');
    expect(res.response.headers.get('x-pai-tokens-used')).toBe('15');
    const seen = h.upstream.seen[0]!;
    expect(seen.path).toBe('/v1/chat/completions');
    expect(seen.body.model).toBe('z-ai/glm4.7');
    expect(seen.body.max_tokens).toBe(4096); // injected: the client sent none
    expect(seen.headers.authorization).toBe(`Bearer ${UPSTREAM_KEY}`);
  });

  it('streams with the official SDK, forcing usage upstream but not handing the client a chunk it did not ask for', async () => {
    h.upstream.reset();
    const stream = await h.openai(key).chat.completions.create({ model: 'nvidia/z-ai/glm4.7', messages: [{ role: 'user', content: 'hi' }], stream: true, max_tokens: 50 });
    const parts: string[] = [];
    let usageChunks = 0;
    for await (const chunk of stream) {
      if (chunk.usage) usageChunks++;
      expect(chunk.model).toBe('nvidia/z-ai/glm4.7');
      parts.push(chunk.choices[0]?.delta?.content ?? '');
    }
    expect(parts.join('')).toBe('part0 part1 part2 ');
    expect(usageChunks).toBe(0);
    expect(h.upstream.seen[0]!.body.stream_options).toEqual({ include_usage: true });
    expect(h.upstream.seen[0]!.body.max_tokens).toBe(50);
  });

  it('passes the usage chunk on when the client asked for it', async () => {
    const stream = await h.openai(key).chat.completions.create({
      model: 'nvidia/z-ai/glm4.7',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let total: number | undefined;
    for await (const chunk of stream) if (chunk.usage) total = chunk.usage.total_tokens;
    expect(total).toBe(15);
  });

  it('lists the models the key may call', async () => {
    const list = await h.openai(key).models.list();
    expect(list.data.map((x) => x.id).sort()).toEqual(['nvidia/meta/llama-3.1-8b', 'nvidia/z-ai/glm4.7']);
  });

  it('never returns or logs the upstream key', async () => {
    const res = await h.ext('/chat/completions', { key, body: { model: 'nvidia/z-ai/glm4.7', messages: [{ role: 'user', content: 'hi' }] } });
    expect(await res.text()).not.toContain(UPSTREAM_KEY);
    expect(JSON.stringify(h.logs)).not.toContain(UPSTREAM_KEY);
    expect(JSON.stringify(h.logs)).not.toContain(key);
  });

  it('writes one audit line per request, without the prompt', async () => {
    const before = h.logs.length;
    await h.openai(key).chat.completions.create({ model: 'nvidia/z-ai/glm4.7', messages: [{ role: 'user', content: 'SECRET-PROMPT-TEXT' }] });
    const lines = h.logs.slice(before).filter((l) => l.msg === 'gateway request');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ key: 'default/alice', provider: 'nvidia', model: 'nvidia/z-ai/glm4.7', status: 200, total_tokens: 15 });
    expect(typeof lines[0]!.latency_ms).toBe('number');
    expect(JSON.stringify(h.logs)).not.toContain('SECRET-PROMPT-TEXT');
  });
});
