import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRows } from '../../../src/server/gateway/budget/budget-sql.js';
import { manifests as m, startHarness, type Harness } from './harness.js';
import { jsonOf } from '../../helpers/json.js';

/**
 * Issue 12, as a client sees it (official OpenAI SDK, no SDK retries): a daily budget refuses
 * with `daily_budget_exhausted` ("come back tomorrow") only when the usage already settled today
 * leaves too little for the request; room held by requests in flight is waited for, or answered
 * with a retryable `budget_busy`; requests without max_tokens and small prompts are served until
 * the cap is really used.
 */
let h: Harness;
const DAY = '2030-03-04';
/** ~270 characters of ordinary text: the "~330-byte body". */
const PROMPT = 'Summarise the following build log for the on-call engineer and say whether the failure looks flaky. '.repeat(3).slice(0, 270);

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

async function setUp(name: string, cap: number, behaviour: Parameters<Harness['upstream']['behave']>[1]): Promise<OpenAI> {
  h.upstream.behave(name, behaviour);
  await h.apply(m.secret(`${name}-key`, 'sk'), m.provider(name, `${h.upstream.url}/v1`, { allowedModels: [name], maxTokensPerDay: cap }), m.accessKey(name, { modelProviders: [name] }));
  return h.openai(await h.mintKey(name));
}

/** Tokens the stand-in upstream served for a model: its reported prompt plus the completion (= max_tokens sent). */
function upstreamServed(model: string, prompt: number): number {
  return h.upstream.seen.filter((r) => r.body.model === model).reduce((sum, r) => sum + prompt + Number(r.body.max_tokens), 0);
}

async function settledUsed(scope: string): Promise<{ used: number; reserved: number }> {
  await h.gateway.ledger.flush();
  const [row] = await readRows(h.store.db, [scope], DAY);
  return { used: row?.used ?? 0, reserved: row?.reserved ?? 0 };
}

type Outcome = { ok: true; tokens: number } | { ok: false; status: number; code: unknown; retryAfter: string | null; shouldRetry: string | null; message: string };

async function call(client: OpenAI, body: OpenAI.Chat.ChatCompletionCreateParamsNonStreaming): Promise<Outcome> {
  try {
    const res = await client.chat.completions.create(body);
    return { ok: true, tokens: res.usage!.total_tokens };
  } catch (err) {
    if (!(err instanceof OpenAI.APIError)) throw err;
    return { ok: false, status: err.status ?? 0, code: err.code, retryAfter: err.headers?.get('retry-after') ?? null, shouldRetry: err.headers?.get('x-should-retry') ?? null, message: err.message };
  }
}

/** Every refusal is a 429 with an honest code: "come back tomorrow" or "retry in a second". */
function expectHonestRefusals(outcomes: Outcome[]): void {
  for (const o of outcomes) {
    if (o.ok) continue;
    expect(o.status, o.message).toBe(429);
    if (o.code === 'budget_busy') {
      expect(o.shouldRetry).toBe('true');
      expect(Number(o.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(o.retryAfter)).toBeLessThanOrEqual(2);
    } else {
      expect(o.code, o.message).toBe('daily_budget_exhausted');
      expect(o.shouldRetry).toBe('false');
    }
  }
}

describe('daily budgets refuse only what does not fit', () => {
  it('cap 3,000: 200 concurrent then 40 sequential requests use ≥ 2,400 and ≤ 3,000; nothing is served after "exhausted"', async () => {
    const client = await setUp('burst', 3_000, { latencyMs: 200, usage: { prompt: 80, completion: 'max' } });
    const body = { model: 'burst/burst', messages: [{ role: 'user' as const, content: PROMPT }], max_tokens: 20 };
    let exhaustedAt = Number.POSITIVE_INFINITY;
    const tracked = async (): Promise<Outcome> => {
      const o = await call(client, body);
      if (!o.ok && o.code === 'daily_budget_exhausted') exhaustedAt = Math.min(exhaustedAt, performance.now());
      return o;
    };
    const burst = await Promise.all(Array.from({ length: 200 }, tracked));
    const sequential: Outcome[] = [];
    for (let i = 0; i < 40; i++) sequential.push(await tracked());
    expectHonestRefusals([...burst, ...sequential]);
    // Once a client was told the day is spent, no call of the same size reaches the upstream.
    expect(h.upstream.seen.filter((r) => r.body.model === 'burst' && r.at > exhaustedAt)).toEqual([]);
    const served = upstreamServed('burst', 80);
    expect(served).toBeLessThanOrEqual(3_000);
    expect(served).toBeGreaterThanOrEqual(2_400);
    expect(sequential.at(-1)).toMatchObject({ ok: false, code: 'daily_budget_exhausted' });
    expect((await settledUsed('mp:default/burst')).used).toBe(served);
  });

  it('requests without max_tokens are served on a 3,000 cap until it is used, and told the max_tokens they got', async () => {
    const client = await setUp('nomax', 3_000, { latencyMs: 2, usage: { prompt: 10, completion: 190 } });
    const body = { model: 'nomax/nomax', messages: [{ role: 'user' as const, content: 'hi' }] };
    const burst = await Promise.all(Array.from({ length: 5 }, () => call(client, body)));
    const sequential: Outcome[] = [];
    for (let i = 0; i < 20; i++) sequential.push(await call(client, body));
    expectHonestRefusals([...burst, ...sequential]);
    const { used } = await settledUsed('mp:default/nomax');
    expect(used).toBeLessThanOrEqual(3_000);
    expect(used).toBeGreaterThanOrEqual(2_800);
    const sent = h.upstream.seen.filter((r) => r.body.model === 'nomax').map((r) => Number(r.body.max_tokens));
    expect(sent.length).toBe(Math.ceil(used / 200));
    for (const max of sent) {
      expect(max).toBeGreaterThan(0);
      expect(max).toBeLessThan(3_000);
    }
  });

  it('one at a time on a 300 cap: small prompts are served until less than one request’s real cost remains', async () => {
    const client = await setUp('small', 300, { usage: { prompt: 10, completion: 'max' } });
    const outcomes: Outcome[] = [];
    for (let i = 0; i < 15; i++) outcomes.push(await call(client, { model: 'small/small', messages: [{ role: 'user', content: 'hello world' }], max_tokens: 20 }));
    expectHonestRefusals(outcomes);
    expect(outcomes.filter((o) => !o.ok).every((o) => !o.ok && o.code === 'daily_budget_exhausted')).toBe(true);
    const { used } = await settledUsed('mp:default/small');
    expect(used).toBeGreaterThanOrEqual(0.85 * 300);
    expect(used).toBeLessThanOrEqual(300);
  });

  it('a request that cannot fit even an empty day is a 400 request_too_large, not "come back tomorrow"', async () => {
    const client = await setUp('huge', 3_000, {});
    const big = await call(client, { model: 'huge/huge', messages: [{ role: 'user', content: 'x'.repeat(4_000) }], max_tokens: 10 });
    expect(big).toMatchObject({ ok: false, status: 400, code: 'request_too_large' });
    const greedy = await call(client, { model: 'huge/huge', messages: [{ role: 'user', content: 'hi' }], max_tokens: 5_000_000 }); // within the field's range (≤ 10,000,000), beyond any day of this cap
    expect(greedy).toMatchObject({ ok: false, status: 400, code: 'request_too_large' });
    expect(h.upstream.seen.filter((r) => r.body.model === 'huge')).toEqual([]);
    expect(await settledUsed('mp:default/huge')).toEqual({ used: 0, reserved: 0 });
  });

  it('room held by a request in flight: a retryable budget_busy after the documented wait, then the truth once it settled', async () => {
    const client = await setUp('held', 300, { latencyMs: 4_000, usage: { prompt: 10, completion: 'max' } });
    const body = { model: 'held/held', messages: [{ role: 'user' as const, content: 'hi' }], max_tokens: 200 }; // reserves 230, uses 210
    const seen = h.upstream.seen.length;
    const first = call(client, body);
    for (const deadline = Date.now() + 10_000; h.upstream.seen.length === seen && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 10));
    const res = await h.ext('/chat/completions', { key: client.apiKey, body });
    expect(res.status).toBe(429);
    expect((await jsonOf(res)).error).toMatchObject({ code: 'budget_busy', type: 'rate_limit_error', message: expect.stringContaining('0 used today, 230 held by requests in flight, and this request needs at least 230') });
    expect(res.headers.get('x-should-retry')).toBe('true');
    expect(res.headers.get('retry-after')).toBe('1');
    expect([res.headers.get('x-pai-tokens-used-today'), res.headers.get('x-pai-tokens-remaining-today')]).toEqual(['0', '70']);
    expect(await first).toMatchObject({ ok: true, tokens: 210 });
    expect(await call(client, body)).toMatchObject({ ok: false, status: 429, code: 'daily_budget_exhausted', shouldRetry: 'false' });
  });
});
