import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { manifests as m, startHarness, type Harness } from './harness.js';
import { jsonOf } from '../../helpers/json.js';

/**
 * Bad input on the gateway is the client's mistake: a clear 400 in the route's dialect, never a
 * 500 or a hung stream, refused before anything is reserved, stored or sent upstream.
 */
let h: Harness;
let key: string;
const msg = [{ role: 'user' as const, content: 'hi' }];

/** The budget counters a refused request must leave as they were. */
async function usage(): Promise<{ provider: number; key: number }> {
  const mp = await h.api('GET', '/v1/namespaces/default/modelproviders/open');
  const ak = await h.api('GET', '/v1/namespaces/default/accesskeys/dev');
  return { provider: mp.body.status.tokensUsedToday, key: ak.body.status.tokensUsedToday };
}

/** Sends a raw body (what the SDK would refuse to build) to a gateway route. */
const raw = (path: string, body: string) => fetch(`${h.url}/ext/v1${path}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body });

/** Checks a refusal: 400, the dialect's error shape naming the field, nothing sent, nothing charged, nothing logged as a gateway failure. */
async function expectRefused(res: Response, dialect: 'openai' | 'anthropic', param?: string): Promise<Record<string, any>> {
  const text = await res.text();
  expect(res.status, text).toBe(400);
  const body = JSON.parse(text);
  if (dialect === 'openai') {
    expect(body.error).toMatchObject({ type: 'invalid_request_error', code: 'invalid_request', message: expect.any(String) });
    if (param) expect(body.error.param).toBe(param);
  } else {
    expect(body).toMatchObject({ type: 'error', error: { type: 'invalid_request_error', code: 'invalid_request', message: expect.any(String) } });
  }
  return body;
}

let before: { provider: number; key: number };
beforeAll(async () => {
  h = await startHarness();
  await h.apply(
    m.secret('open-key', 'sk-upstream'),
    m.provider('open', `${h.upstream.url}/v1`, { provider: 'openrouter' }), // no allowedModels: every model id is allowed
    m.secret('claude-key', 'sk-ant-upstream'),
    m.provider('claude', h.upstream.url, { provider: 'anthropic' }),
    m.accessKey('dev', { modelProviders: ['open', 'claude'] }),
  );
  key = await h.mintKey('dev');
  // One served request, so the counters are not trivially zero.
  await h.openai(key).chat.completions.create({ model: 'open/m', messages: msg, max_tokens: 5 });
});
afterAll(async () => {
  // Whatever a test refused: no upstream call, no budget charged, no gateway failure logged.
  expect(h.upstream.seen.filter((s) => s.body.model !== 'm')).toEqual([]);
  expect(h.logs.filter((l) => l.level === 'error')).toEqual([]);
  await h.close();
});
beforeEach(async () => {
  before = await usage();
});

async function expectUncharged(): Promise<void> {
  expect(await usage()).toEqual(before);
}

describe('gateway: deeply nested JSON bodies', () => {
  const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

  it.each([
    ['chat completions', '/chat/completions', 'openai', 'open/x'],
    ['Messages', '/messages', 'anthropic', 'claude/x'],
  ] as const)('%s: a body nested 100,000 deep is a 400 in the route dialect', async (_what, path, dialect, model) => {
    const res = await raw(path, `{"model":"${model}","max_tokens":5,"messages":[{"role":"user","content":"hi"}],"metadata":{"x":${nested(100_000)}}}`);
    const body = await expectRefused(res, dialect);
    expect(JSON.stringify(body)).toMatch(/nest/);
    await expectUncharged();
  });

  it('refuses a body one level deeper than 64, and accepts one of 64', async () => {
    // The body object is level 1 and "metadata" level 2: 62 more arrays reach 64.
    const at = (arrays: number) => `{"model":"open/m","max_tokens":5,"messages":[{"role":"user","content":"hi"}],"metadata":{"x":${nested(arrays)}}}`;
    expect((await raw('/chat/completions', at(62))).status).toBe(200);
    await expectRefused(await raw('/chat/completions', at(63)), 'openai');
  });
});

describe('gateway: numeric fields', () => {
  it.each([
    ['max_tokens 1e19', { max_tokens: 1e19 }, 'max_tokens'],
    ['max_tokens negative', { max_tokens: -5 }, 'max_tokens'],
    ['max_tokens 0', { max_tokens: 0 }, 'max_tokens'],
    ['max_tokens non-integer', { max_tokens: 2.5 }, 'max_tokens'],
    ['max_tokens beyond any model (2^31)', { max_tokens: 2 ** 31 }, 'max_tokens'],
    ['max_tokens as a string', { max_tokens: '100' }, 'max_tokens'],
    ['max_completion_tokens 1e19', { max_completion_tokens: 1e19 }, 'max_completion_tokens'],
    ['n 1e19', { n: 1e19 }, 'n'],
    ['n 0', { n: 0 }, 'n'],
    ['n 2.5', { n: 2.5 }, 'n'],
    ['temperature 1e19', { temperature: 1e19 }, 'temperature'],
    ['temperature negative', { temperature: -1 }, 'temperature'],
    ['top_p above 1', { top_p: 1.5 }, 'top_p'],
    ['presence_penalty below -2', { presence_penalty: -3 }, 'presence_penalty'],
    ['frequency_penalty 1e19', { frequency_penalty: 1e19 }, 'frequency_penalty'],
    ['top_logprobs 1e19', { top_logprobs: 1e19 }, 'top_logprobs'],
    ['seed 1e19', { seed: 1e19 }, 'seed'],
  ])('chat completions (official SDK): %s is a 400 naming the field, charged nothing', async (_what, fields, param) => {
    const err = await h
      .openai(key)
      .chat.completions.create({ model: 'open/x', messages: msg, ...(fields as object) })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    const e = err as InstanceType<typeof OpenAI.BadRequestError>;
    expect(e.param).toBe(param);
    expect(e.message).toContain(param);
    await expectUncharged();
  });

  it.each([
    ['max_tokens 1e19', { max_tokens: 1e19 }],
    ['max_tokens negative', { max_tokens: -1 }],
    ['temperature above 1', { max_tokens: 5, temperature: 1.5 }],
    ['top_k negative', { max_tokens: 5, top_k: -1 }],
  ])('Messages: %s is a 400 in Anthropic shape, charged nothing', async (_what, fields) => {
    const res = await raw('/messages', JSON.stringify({ model: 'claude/x', messages: msg, ...fields }));
    await expectRefused(res, 'anthropic');
    await expectUncharged();
  });

  it('a 1e19 max_tokens in a stream request is a 400, not a started stream', async () => {
    const res = await raw('/chat/completions', JSON.stringify({ model: 'open/x', messages: msg, stream: true, max_tokens: 1e19 }));
    await expectRefused(res, 'openai', 'max_tokens');
    await expectUncharged();
  });

  it('n completions reserve max_tokens n times: a request that could overrun the daily cap is refused', async () => {
    await h.apply(m.secret('small-key', 'sk'), m.provider('small', `${h.upstream.url}/v1`, { provider: 'openrouter', maxTokensPerDay: 2_000 }), m.accessKey('dev', { modelProviders: ['open', 'claude', 'small'] }));
    const ask = (n: number) => raw('/chat/completions', JSON.stringify({ model: 'small/m', messages: msg, max_tokens: 600, n }));
    const refused = await ask(4); // 4 × 600 + the prompt > 2,000: not even an empty day fits it
    expect(refused.status).toBe(400);
    expect((await jsonOf(refused)).error.code).toBe('request_too_large');
    expect((await ask(1)).status).toBe(200);
  });

  it('accepts the ordinary values', async () => {
    const ok = await h.openai(key).chat.completions.create({ model: 'open/m', messages: msg, max_tokens: 5, n: 1, temperature: 0.7, top_p: 1, presence_penalty: -1, seed: 42 });
    expect(ok.choices[0]!.message.content).toBe('hello from the fake');
  });
});

describe('gateway: model ids that cannot travel in a header', () => {
  it.each([
    ['non-Latin-1', 'open/模型'],
    ['Latin-1 but not ASCII', 'open/modèle'],
    ['a control character', 'open/m\u0007x'],
    ['a line break (header injection)', 'open/m\r\nx-evil: 1'],
  ])('chat completions: a model id with %s is a 400, buffered or streamed', async (_what, model) => {
    for (const stream of [false, true]) {
      const res = await raw('/chat/completions', JSON.stringify({ model, messages: msg, max_tokens: 5, stream }));
      await expectRefused(res, 'openai', 'model');
      expect(res.headers.get('x-evil')).toBeNull();
    }
    await expectUncharged();
  });

  it('the official SDK gets a clean BadRequestError for a non-Latin-1 model id (stream too)', async () => {
    for (const stream of [false, true] as const) {
      const err = await (async () => {
        const res = await h.openai(key).chat.completions.create({ model: 'open/モデル', messages: msg, stream });
        if (stream) for await (const _ of res as AsyncIterable<unknown>) void _;
      })().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    }
  });

  it('Messages: a non-Latin-1 model id is a 400 in Anthropic shape', async () => {
    await expectRefused(await raw('/messages', JSON.stringify({ model: 'claude/模型', messages: msg, max_tokens: 5, stream: true })), 'anthropic');
  });
});

describe('model ids in resources', () => {
  it('the control plane refuses a ModelProvider whose allowedModels cannot travel in a header (422)', async () => {
    const res = await h.api('PUT', '/v1/namespaces/default/modelproviders/bad', m.provider('bad', `${h.upstream.url}/v1`, { allowedModels: ['模型'] }));
    expect(res.status).toBe(422);
    expect(res.text).toContain('/spec/allowedModels/0');
  });

  it('a fallback stored before that rule (an older data dir) is percent-encoded in x-pai-model, not a 500 or a hung stream', async () => {
    await h.apply(m.secret('old-key', 'sk'), m.provider('old', `${h.upstream.url}/v1`, { provider: 'openrouter' }));
    // Written straight into the store, as an older pai without the rule would have stored it.
    const { spec } = m.provider('old', `${h.upstream.url}/v1`, { provider: 'openrouter', fallbacks: ['open/模型'] });
    await h.store.resources.write((w) => w.put({ key: { kind: 'ModelProvider', namespace: 'default', name: 'old' }, metadata: {}, spec }));
    h.gateway.storeChanged();
    await h.apply(m.accessKey('legacy', { modelProviders: ['old', 'open'] }));
    const legacyKey = await h.mintKey('legacy');
    h.upstream.behave('broken', { status: 500 });
    const seen = h.upstream.seen.length;
    try {
      for (const stream of [false, true]) {
        const res = await fetch(`${h.url}/ext/v1/chat/completions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${legacyKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ model: 'old/broken', messages: msg, max_tokens: 5, stream }),
        });
        expect(res.status).toBe(200);
        expect(res.headers.get('x-pai-model')).toBe('open/%E6%A8%A1%E5%9E%8B');
        expect(await res.text()).toContain(stream ? '[DONE]' : 'hello from the fake');
      }
    } finally {
      h.upstream.behave('broken', {});
      h.upstream.seen.splice(seen); // these did go upstream, as they should
    }
  });
});
