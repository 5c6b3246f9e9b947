import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRows } from '../../../src/server/gateway/budget/budget-sql.js';
import { manifests as m, startHarness, T0, type Harness } from './harness.js';
import { jsonOf } from '../../helpers/json.js';

let h: Harness;
const DAY = '2030-03-04';
const msg = [{ role: 'user' as const, content: 'hi' }];

async function used(scope: string, day = DAY): Promise<number> {
  await h.gateway.ledger.flush();
  const [row] = await readRows(h.store.db, [scope], day);
  return row?.used ?? 0;
}

async function refusal(p: Promise<unknown>): Promise<InstanceType<typeof OpenAI.APIError>> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(OpenAI.APIError);
  return err as InstanceType<typeof OpenAI.APIError>;
}

beforeAll(async () => {
  h = await startHarness();
  h.upstream.behave('*', { usage: { prompt: 10, completion: 'max' } });
});
afterAll(() => h.close());

describe('daily token budgets', () => {
  it('500 simultaneous requests against a cap that fits 100: usage stays under the cap, every refusal is a clean 429', async () => {
    // Each request reserves its prompt's bound (30 tokens for "hi") + max_tokens 100 and uses 110:
    // those that do not fit at once wait for the others to settle; the rest is told the day is spent.
    await h.apply(m.secret('race-key', 'sk'), m.provider('race', `${h.upstream.url}/v1`, { allowedModels: ['m'], maxTokensPerDay: 20_000 }), m.accessKey('racer', { modelProviders: ['race'] }));
    const key = await h.mintKey('racer');
    const results = await Promise.all(
      Array.from({ length: 500 }, () =>
        h.ext('/chat/completions', { key, body: { model: 'race/m', messages: msg, max_tokens: 100 } }).then(async (r) => ({ status: r.status, headers: r.headers, body: await jsonOf(r) })),
      ),
    );
    const ok = results.filter((r) => r.status === 200);
    const refused = results.filter((r) => r.status !== 200);
    expect(ok.length).toBeGreaterThanOrEqual(100);
    for (const r of refused) {
      expect(r.status).toBe(429);
      expect(r.body.error.code).toBe('daily_budget_exhausted');
      expect(r.headers.get('x-should-retry')).toBe('false');
      expect(Number(r.headers.get('retry-after'))).toBe(12 * 3600);
    }
    const reported = ok.reduce((sum, r) => sum + r.body.usage.total_tokens, 0);
    expect(await used('mp:default/race')).toBe(reported);
    expect(reported).toBeLessThanOrEqual(20_000);
    expect(reported).toBeGreaterThan(20_000 - 130); // served until less than one request's reservation was left
  });

  it('answers 429 until midnight UTC, then the budget is fresh', async () => {
    await h.apply(m.secret('day-key', 'sk'), m.provider('day', `${h.upstream.url}/v1`, { allowedModels: ['m'], maxTokensPerDay: 500 }), m.accessKey('daily', { modelProviders: ['day'] }));
    const client = h.openai(await h.mintKey('daily'));
    h.clock.now = Date.parse('2030-03-04T23:59:50Z');
    const first = await client.chat.completions.create({ model: 'day/m', messages: msg, max_tokens: 200 }).withResponse();
    expect(first.response.headers.get('x-pai-tokens-limit-today')).toBe('500');
    expect(Number(first.response.headers.get('x-pai-tokens-remaining-today'))).toBe(500 - first.data.usage!.total_tokens);
    const err = await refusal(client.chat.completions.create({ model: 'day/m', messages: msg, max_tokens: 300 }));
    expect(err.status).toBe(429);
    expect(err.code).toBe('daily_budget_exhausted');
    expect(err.headers?.get('retry-after')).toBe('10');
    expect(err.headers?.get('x-should-retry')).toBe('false');
    h.clock.now = Date.parse('2030-03-05T00:00:01Z');
    const next = await client.chat.completions.create({ model: 'day/m', messages: msg, max_tokens: 300 });
    expect(next.usage?.total_tokens).toBe(310);
    expect(await used('mp:default/day', '2030-03-05')).toBe(310);
    h.clock.now = T0;
  });

  it.each([
    ['the provider’s externalAccess budget', { externalAccess: { enabled: true, maxTokensPerDay: 300 } }, {}, /externalAccess\.maxTokensPerDay/],
    ['the AccessKey’s own budget', {}, { maxTokensPerDay: 300 }, /AccessKey \w+'s maxTokensPerDay/],
  ])('enforces %s', async (_what, providerSpec, keySpec, message) => {
    const name = `p${Math.random().toString(36).slice(2, 8)}`;
    await h.apply(m.secret(`${name}-key`, 'sk'), m.provider(name, `${h.upstream.url}/v1`, { allowedModels: ['m'], ...providerSpec }), m.accessKey(name, { modelProviders: [name], ...keySpec }));
    const client = h.openai(await h.mintKey(name));
    await client.chat.completions.create({ model: `${name}/m`, messages: msg, max_tokens: 100 }); // uses 110 of 300
    const err = await refusal(client.chat.completions.create({ model: `${name}/m`, messages: msg, max_tokens: 200 })); // needs 30 + 200
    expect(err.code).toBe('daily_budget_exhausted');
    expect(err.status).toBe(429);
    expect(err.message).toMatch(message);
  });
});

describe('per-request limits', () => {
  it('injects max_tokens bounded by maxTokensPerRequest, and refuses a prompt that alone is too large', async () => {
    await h.apply(m.secret('small-key', 'sk'), m.provider('small', `${h.upstream.url}/v1`, { allowedModels: ['m'], maxTokensPerRequest: 300 }), m.accessKey('smallkey', { modelProviders: ['small'] }));
    const client = h.openai(await h.mintKey('smallkey'));
    h.upstream.seen.length = 0;
    await client.chat.completions.create({ model: 'small/m', messages: msg });
    const sent = Number(h.upstream.seen[0]!.body.max_tokens);
    expect(sent).toBeGreaterThan(200);
    expect(sent).toBeLessThan(300);
    await client.chat.completions.create({ model: 'small/m', messages: msg, max_tokens: 5000 });
    expect(Number(h.upstream.seen[1]!.body.max_tokens)).toBeLessThanOrEqual(sent);
    expect(Number(h.upstream.seen[1]!.body.max_tokens)).toBeGreaterThan(200);
    const err = await refusal(client.chat.completions.create({ model: 'small/m', messages: [{ role: 'user', content: 'x'.repeat(2000) }] }));
    expect(err.status).toBe(400);
    expect(err.code).toBe('request_too_large');
  });
});

describe('rate limits', () => {
  it('answers a short, retryable 429 over maxRequestsPerMinute, and lets requests through the next minute', async () => {
    await h.apply(m.secret('rpm-key', 'sk'), m.provider('rpm', `${h.upstream.url}/v1`, { allowedModels: ['m'] }), m.accessKey('rpmkey', { modelProviders: ['rpm'], maxRequestsPerMinute: 2 }));
    const client = h.openai(await h.mintKey('rpmkey'));
    h.clock.now = Date.parse('2030-03-04T12:00:30Z');
    await client.chat.completions.create({ model: 'rpm/m', messages: msg });
    await client.chat.completions.create({ model: 'rpm/m', messages: msg });
    const err = await refusal(client.chat.completions.create({ model: 'rpm/m', messages: msg }));
    expect(err.status).toBe(429);
    expect(err.code).toBe('rate_limit_exceeded');
    expect(err.headers?.get('retry-after')).toBe('30');
    expect(err.headers?.get('x-should-retry')).toBe('true');
    h.clock.now = Date.parse('2030-03-04T12:01:00Z');
    await client.chat.completions.create({ model: 'rpm/m', messages: msg });
    h.clock.now = T0;
  });

  it('holds an Agent to maxConcurrentRequests', async () => {
    h.upstream.behave('slow', { latencyMs: 300, usage: { prompt: 1, completion: 1 } });
    await h.apply(
      m.secret('conc-key', 'sk'),
      m.provider('conc', `${h.upstream.url}/v1`, { allowedModels: ['slow'] }),
      m.agent('one-at-a-time', { models: ['conc/slow'], rateLimits: { maxConcurrentRequests: 1 } }),
      m.accessKey('conckey', { agent: 'one-at-a-time' }),
    );
    const key = await h.mintKey('conckey');
    const [a, b] = await Promise.all([0, 1].map(() => h.ext('/chat/completions', { key, body: { model: 'default', messages: msg } })));
    expect([a!.status, b!.status].sort()).toEqual([200, 429]);
    const refused = a!.status === 429 ? a! : b!;
    expect((await jsonOf(refused)).error.code).toBe('concurrency_limit_exceeded');
    expect((await h.ext('/chat/completions', { key, body: { model: 'default', messages: msg } })).status).toBe(200);
  });
});

describe('usage in the ModelProvider status', () => {
  it('shows LAST USED and today’s tokens when read, live, without moving the resourceVersion; resets them after midnight', async () => {
    await h.apply(m.secret('seen-key', 'sk'), m.provider('seen', `${h.upstream.url}/v1`, { allowedModels: ['m'] }), m.accessKey('seenkey', { modelProviders: ['seen'] }));
    const client = h.openai(await h.mintKey('seenkey'));
    const before = await h.api('GET', '/v1/namespaces/default/modelproviders/seen');
    expect(before.body.status).toEqual({ lastUsed: null, tokensUsedToday: 0 });
    const a = await client.chat.completions.create({ model: 'seen/m', messages: msg, max_tokens: 7 });
    const b = await client.chat.completions.create({ model: 'seen/m', messages: msg, max_tokens: 9 });
    const got = await h.api('GET', '/v1/namespaces/default/modelproviders/seen');
    expect(got.body.status.tokensUsedToday).toBe(a.usage!.total_tokens + b.usage!.total_tokens);
    expect(got.body.status.lastUsed).toBe(new Date(T0).toISOString());
    expect(got.body.metadata.resourceVersion).toBe(before.body.metadata.resourceVersion); // usage is not a change of the resource
    const listed = await h.api('GET', '/v1/namespaces/default/accesskeys');
    expect(listed.body.items.find((k: { metadata: { name: string } }) => k.metadata.name === 'seenkey').status.tokensUsedToday).toBe(36);
    h.clock.now = T0 + 86_400_000;
    const tomorrow = await h.api('GET', '/v1/modelproviders');
    expect(tomorrow.body.items.find((p: { metadata: { name: string } }) => p.metadata.name === 'seen').status.tokensUsedToday).toBe(0);
    h.clock.now = T0;
  });
});
