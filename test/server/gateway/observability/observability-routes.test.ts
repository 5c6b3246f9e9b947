import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../helpers/cli.js';
import { compileSchemaFile } from '../../../cli/render/diagnostics/schema-validator.js';
import { manifests as m, startHarness, T0, type Harness } from '../harness.js';

// GET /v1/usage and GET /v1/requests after real traffic through the gateway (official openai SDK),
// against what was sent: requests, tokens, refusals, fallbacks, filters and the cursor.
let h: Harness;
let alice: string;
let bob: string;

beforeAll(async () => {
  h = await startHarness();
  h.upstream.behave('m1', { usage: { prompt: 11, completion: 7 } });
  h.upstream.behave('down', { status: 500 });
  await h.apply(
    m.secret('main-key', 'sk-main'),
    m.provider('main', `${h.upstream.url}/v1`, { allowedModels: ['m1', 'down'], maxTokensPerDay: 100_000, fallbacks: ['main/m1'] }),
    m.agent('bot', { models: ['main/m1'], tokens: { maxPerDay: 50_000 } }),
    m.accessKey('alice', { modelProviders: ['main'], maxTokensPerDay: 40 }),
    m.accessKey('bob', { modelProviders: ['main'], agent: 'bot' }),
    m.accessKey('idle', { modelProviders: ['main'] }),
  );
  alice = await h.mintKey('alice');
  bob = await h.mintKey('bob');
  const say = { messages: [{ role: 'user' as const, content: 'hi' }], max_tokens: 5 };
  await h.openai(alice).chat.completions.create({ model: 'main/m1', ...say });
  // alice's cap (40 tokens) leaves 22 after one request of 18, less than the 35 the next needs: the next is refused.
  await expect(h.openai(alice).chat.completions.create({ model: 'main/m1', ...say })).rejects.toMatchObject({ status: 429 });
  for (let i = 0; i < 3; i++) await h.openai(bob).chat.completions.create({ model: 'main/m1', ...say });
});
afterAll(() => h.close());

/** Every answer of these routes satisfies its JSON Schema (schemas/output), which pins the shape. */
const schemaOf = {
  usage: compileSchemaFile(path.join(REPO_ROOT, 'schemas/output/usage-report.schema.json')),
  requests: compileSchemaFile(path.join(REPO_ROOT, 'schemas/output/request-log.schema.json')),
};
async function read(route: 'usage' | 'requests', query = ''): Promise<{ status: number; body: any; text: string }> {
  const res = await h.api('GET', `/v1/${route}${query}`);
  if (res.status === 200) expect(schemaOf[route](res.body), JSON.stringify(schemaOf[route].errors)).toBe(true);
  return res;
}

describe('GET /v1/usage', () => {
  it('by access key: every key, its cap, requests, tokens and refusals per day, today against the cap', async () => {
    const res = await read('usage', '?days=3&by=accessKey');
    expect(res.status).toBe(200);
    const today = new Date(T0).toISOString().slice(0, 10);
    expect(res.body.by).toBe('accessKey');
    expect(res.body.today).toBe(today);
    expect(res.body.dates).toEqual(['2030-03-02', '2030-03-03', today]);
    const zero = (date: string) => ({ date, requests: 0, tokensIn: 0, tokensOut: 0, refusals: 0 });
    expect(res.body.items).toEqual([
      { name: 'default/alice', cap: 40, today: { used: 18, remaining: 22 }, days: [zero('2030-03-02'), zero('2030-03-03'), { date: today, requests: 2, tokensIn: 11, tokensOut: 7, refusals: 1 }] },
      { name: 'default/bob', cap: null, today: { used: 54, remaining: null }, days: [zero('2030-03-02'), zero('2030-03-03'), { date: today, requests: 3, tokensIn: 33, tokensOut: 21, refusals: 0 }] },
      { name: 'default/idle', cap: null, today: { used: 0, remaining: null }, days: [zero('2030-03-02'), zero('2030-03-03'), zero(today)] },
    ]);
  });

  it('by provider and by agent', async () => {
    const byProvider = await read('usage', '?days=1&by=provider');
    expect(byProvider.body.items).toEqual([
      { name: 'default/main', cap: 100_000, today: { used: 72, remaining: 99_928 }, days: [expect.objectContaining({ requests: 4, tokensIn: 44, tokensOut: 28, refusals: 0 })] },
    ]);
    const byAgent = await read('usage', '?by=agent');
    expect(byAgent.body.dates).toHaveLength(14);
    expect(byAgent.body.items).toEqual([expect.objectContaining({ name: 'default/bot', cap: 50_000, today: { used: 54, remaining: 49_946 } })]);
    expect(byAgent.body.items[0].days[13]).toMatchObject({ requests: 3, tokensIn: 33, tokensOut: 21 });
  });

  it.each([
    ['days=0', /"days" is not a whole number from 1 to 90/],
    ['days=91', /"days"/],
    ['by=model', /"by" is not a usage grouping/],
    ['limit=3', /^a query parameter is not one this route takes: days, by$/],
    ['days=1&days=2', /more than once/],
  ])('refuses %s with a 400 that says what to fix', async (query, message) => {
    const res = await read('usage', `?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
    expect(res.body.error.hint).toBeTruthy();
  });
});

describe('GET /v1/requests', () => {
  it('lists the requests newest first, with who, what, how it ended and the tokens', async () => {
    const res = await read('requests', '');
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { accessKey: string; status: number }) => `${i.accessKey} ${i.status}`)).toEqual([
      'default/bob 200',
      'default/bob 200',
      'default/bob 200',
      'default/alice 429',
      'default/alice 200',
    ]);
    expect(res.body.items[0]).toEqual({
      id: res.body.latest,
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      route: 'chat',
      accessKey: 'default/bob',
      keyId: expect.stringMatching(/^[0-9a-f]{8}$/),
      agent: 'default/bot',
      requested: 'main/m1',
      provider: 'default/main',
      model: 'main/m1',
      status: 200,
      code: null,
      stream: false,
      tokensIn: 11,
      tokensOut: 7,
      latencyMs: expect.any(Number),
      attempts: 1,
      fallbacks: 0,
      guards: null,
      replica: h.gateway.recorder.replica,
    });
    expect(res.body.items[3]).toMatchObject({ accessKey: 'default/alice', agent: null, provider: null, model: null, status: 429, code: 'daily_budget_exhausted', tokensIn: null });
    expect(res.body.next).toBeNull();
    expect(res.text).not.toContain(alice);
    expect(res.text).not.toContain(bob);
  });

  it('filters, pages with before= and follows with after=', async () => {
    const refused = await read('requests', '?refused=true');
    expect(refused.body.items).toHaveLength(1);
    expect((await read('requests', '?status=4xx&accessKey=default/alice')).body.items).toHaveLength(1);
    expect((await read('requests', '?code=daily_budget_exhausted')).body.items).toHaveLength(1);
    expect((await read('requests', '?agent=default/bot&status=200')).body.items).toHaveLength(3);
    expect((await read('requests', '?provider=default/main&model=main/m1')).body.items).toHaveLength(4);
    expect((await read('requests', `?since=${new Date(T0 + 60_000).toISOString()}`)).body.items).toHaveLength(0);
    const first = await read('requests', '?limit=2');
    expect(first.body.items).toHaveLength(2);
    const second = await read('requests', `?limit=2&before=${first.body.next}`);
    const third = await read('requests', `?limit=2&before=${second.body.next}`);
    expect(third.body.next).toBeNull();
    const ids = [...first.body.items, ...second.body.items, ...third.body.items].map((i: { id: number }) => i.id);
    expect(ids).toHaveLength(5);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    const latest = first.body.latest;
    expect((await read('requests', `?after=${latest}`)).body.items).toEqual([]);
    await h.openai(bob).chat.completions.create({ model: 'main/m1', messages: [{ role: 'user', content: 'again' }], max_tokens: 5 });
    const followed = await read('requests', `?after=${latest}`);
    expect(followed.body.items).toEqual([expect.objectContaining({ accessKey: 'default/bob', status: 200 })]);
    expect(followed.body.latest).toBeGreaterThan(latest);
  });

  it('records a fallback that was taken', async () => {
    await h.openai(bob).chat.completions.create({ model: 'main/down', messages: [{ role: 'user', content: 'x' }], max_tokens: 5 }).catch(() => {});
    const res = await read('requests', '?fallback=true');
    expect(res.body.items).toEqual([expect.objectContaining({ requested: 'main/down', model: 'main/m1', fallbacks: 1, status: 200 })]);
  });

  it.each([
    ['status=abc', /"status"/],
    ['since=yesterday', /"since" is not a date-time/],
    ['limit=1001', /"limit"/],
    ['refused=yes', /"refused" is not true or false/],
    // The message is the whole text: the unknown name (here with a line break to forge a log line) is not echoed.
    ['%0Aforged=x', /^a query parameter is not one this route takes: since, until, accessKey, .*, before, after$/],
  ])('refuses %s with a 400', async (query, message) => {
    const res = await read('requests', `?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });
});
