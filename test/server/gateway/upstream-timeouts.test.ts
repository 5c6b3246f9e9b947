import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRows } from '../../../src/server/gateway/budget/budget-sql.js';
import { manifests as m, startHarness, type Harness } from './harness.js';

/**
 * Upstream calls end: a hung upstream runs into the provider's first-byte and total timeouts
 * (spec.timeouts), a client that leaves a buffered call cancels it upstream, and either way the
 * reservation is settled — nothing held for minutes.
 */
let h: Harness;
let key = '';
const DAY = '2030-03-04';
const msg = [{ role: 'user' as const, content: 'hi' }];
/** The prompt bound of `msg` (16 per request + 8 per message + "user" + "hi") plus max_tokens 50. */
const RESERVATION = 30 + 50;

beforeAll(async () => {
  h = await startHarness();
  h.upstream.behave('hung', { latencyMs: 20_000 });
  h.upstream.behave('trickle', { chunks: 5, chunkDelayMs: 1_500 });
  await h.apply(
    m.secret('slow-key', 'sk'),
    m.provider('slow', `${h.upstream.url}/v1`, { allowedModels: ['hung', 'trickle'], maxTokensPerDay: 10_000, timeouts: { firstByteMs: 300, totalMs: 3_000 } }),
    m.accessKey('slowkey', { modelProviders: ['slow'] }),
  );
  key = await h.mintKey('slowkey');
});
afterAll(() => h.close());

/** The provider's row once this server gave back its free lease: `reserved` is what requests in flight hold. */
async function budgetRow(): Promise<{ used: number; reserved: number }> {
  await h.gateway.ledger.flush(true);
  const [row] = await readRows(h.store.db, ['mp:default/slow'], DAY);
  return { used: row?.used ?? 0, reserved: row?.reserved ?? 0 };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (const deadline = Date.now() + 5_000; !condition(); await new Promise((r) => setTimeout(r, 20))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
  }
}

describe('upstream timeouts', () => {
  it('a hung upstream: each attempt ends at the first-byte timeout, the call fails as documented and charges nothing', async () => {
    h.upstream.seen.length = 0;
    const before = await budgetRow();
    const err = await h
      .openai(key)
      .chat.completions.create({ model: 'slow/hung', messages: msg, max_tokens: 50 })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(err).toBeInstanceOf(OpenAI.APIError);
    const apiError = err as InstanceType<typeof OpenAI.APIError>;
    expect(apiError.status).toBe(502);
    expect(apiError.code).toBe('upstream_unavailable');
    expect(apiError.message).toMatch(/failed after 2 attempts \(timed out waiting for an answer\); its timeouts are 300 ms to the first byte, 3000 ms in total \(spec\.timeouts\)/);
    expect(h.upstream.seen.map((r) => r.body.model)).toEqual(['hung', 'hung']);
    await until(() => h.upstream.seen.every((r) => r.cancelled), 'the gateway to close the hung calls');
    expect(await budgetRow()).toEqual(before);
  });

  it('a stream that outlasts the total timeout is cut with an error event and charged its reservation', async () => {
    const before = await budgetRow();
    const stream = await h.openai(key).chat.completions.create({ model: 'slow/trickle', messages: msg, max_tokens: 50, stream: true });
    const read = async () => {
      for await (const chunk of stream) void chunk;
    };
    await expect(read()).rejects.toThrow(/did not finish|broke off/);
    await until(() => h.upstream.seen.at(-1)!.cancelled, 'the gateway to close the stream upstream');
    const after = await budgetRow();
    expect(after).toEqual({ used: before.used + RESERVATION, reserved: 0 });
  });

  it('a client that leaves a buffered call cancels it upstream; its reservation is settled', async () => {
    h.upstream.behave('hung', { latencyMs: 800 });
    const before = await budgetRow();
    const seen = h.upstream.seen.length;
    const controller = new AbortController();
    const call = h.openai(key).chat.completions.create({ model: 'slow/hung', messages: msg, max_tokens: 50 }, { signal: controller.signal });
    await until(() => h.upstream.seen.length > seen, 'the call to reach the upstream');
    controller.abort();
    await expect(call).rejects.toThrow();
    await until(() => h.upstream.seen.at(-1)!.cancelled, 'the gateway to cancel the upstream call');
    await until(() => h.logs.some((l) => l.msg === 'gateway request' && l.requested === 'slow/hung' && l.status !== 502), 'the audit line');
    expect(await budgetRow()).toEqual({ used: before.used + RESERVATION, reserved: 0 });
  });
});
