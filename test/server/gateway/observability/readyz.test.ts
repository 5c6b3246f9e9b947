import { afterAll, beforeAll, expect, it } from 'vitest';
import { startHarness, type Harness } from '../harness.js';

// /readyz asks the store: ready while it answers, 503 once it does not (no credential needed).
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close().catch(() => {}));

it('answers 200 while the store answers and 503 when it does not', async () => {
  const ready = await fetch(`${h.url}/readyz`);
  expect(ready.status).toBe(200);
  expect(await ready.json()).toEqual({ status: 'ready' });
  await h.store.close();
  const down = await fetch(`${h.url}/readyz`);
  expect(down.status).toBe(503);
  expect(await down.json()).toEqual({ status: 'unavailable', message: 'the store does not answer' });
  expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
});
