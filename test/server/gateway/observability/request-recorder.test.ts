import { afterEach, describe, expect, it } from 'vitest';
import { manifests as m, startHarness, type Harness } from '../harness.js';

// The request log's bounded retention (by age and by count) and `--request-log-retention 0`
// (no log, daily usage still kept), through real requests (openai SDK) and the API.
let h: Harness | undefined;
afterEach(() => h?.close());

async function setUp(recorder: Record<string, unknown>): Promise<{ h: Harness; send: (n: number) => Promise<void> }> {
  h = await startHarness({ recorder });
  const harness = h;
  await harness.apply(m.secret('p-key', 'sk'), m.provider('p', `${harness.upstream.url}/v1`, { allowedModels: ['m'] }), m.accessKey('k', { modelProviders: ['p'] }));
  const key = await harness.mintKey('k');
  const send = async (n: number) => {
    for (let i = 0; i < n; i++) await harness.openai(key).chat.completions.create({ model: 'p/m', messages: [{ role: 'user', content: 'hi' }], max_tokens: 5 });
  };
  return { h: harness, send };
}

describe('request log retention', () => {
  it('keeps at most --request-log-max-rows requests, the newest', async () => {
    const { h, send } = await setUp({ maxRows: 3 });
    await send(5);
    await h.gateway.recorder.flush();
    await h.gateway.recorder.prune();
    const page = (await h.api('GET', '/v1/requests')).body;
    expect(page.items).toHaveLength(3);
    expect(page.items[0].id).toBe(page.latest);
    expect(page.items.map((i: { id: number }) => i.id)).toEqual([page.latest, page.latest - 1, page.latest - 2]);
  });

  it('drops requests older than --request-log-retention; daily usage stays', async () => {
    const { h, send } = await setUp({ retentionMs: 60_000 });
    await send(2);
    await h.gateway.recorder.flush();
    h.clock.now += 30_000;
    await send(1);
    await h.gateway.recorder.flush();
    h.clock.now += 45_000; // the first two are now 75 s old, the last 45 s
    await h.gateway.recorder.prune();
    expect((await h.api('GET', '/v1/requests')).body.items).toHaveLength(1);
    const usage = (await h.api('GET', '/v1/usage?days=1&by=accessKey')).body;
    expect(usage.items[0].days[0].requests).toBe(3);
  });

  it('keeps no request log when it is off (--request-log-retention 0), but still the daily usage', async () => {
    const { h, send } = await setUp({ requestLog: false });
    await send(2);
    expect((await h.api('GET', '/v1/requests')).body).toEqual({ items: [], next: null, latest: null });
    expect((await h.api('GET', '/v1/usage?days=1&by=accessKey')).body.items[0].days[0].requests).toBe(2);
  });
});
