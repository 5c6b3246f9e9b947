import OpenAI from 'openai';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsRun, launchChromium } from '../helpers/browser.js';
import { FakeUpstream } from '../helpers/fake-upstream.js';
import { startServer, type RunningServer } from '../helpers/server.js';
import { manifests as m } from '../server/gateway/harness.js';
import { apiClient } from '../server/http/api-client.js';
import { freshDataDir } from '../helpers/data-dir.js';

/**
 * The /ui page in a real browser (Debian's chromium, driven by playwright-core) against the real
 * `pai server`, after real traffic through the gateway with the official OpenAI SDK: the numbers
 * it shows are the traffic sent, it refreshes on its own, it keeps the token for the tab only,
 * a wrong token shows an error and no data, and a model id chosen by a client shows as text.
 */
const ALICE_CAP = 150;
const PROVIDER_CAP = 100_000;
/** Markup that would run if the page ever wrote a model id as HTML (model ids hold no spaces). */
const HOSTILE_MODEL = "acme/<img/src=x/onerror=document.title='pwned'>";
const msg = [{ role: 'user' as const, content: 'hi' }];

let server: RunningServer;
let upstream: FakeUpstream;
let browser: Browser;
const keys = { alice: '', bob: '' };

/** What the test sent, as the SDK saw it answered. */
const sent = {
  tokens: { alice: 0, bob: 0 } as Record<string, number>,
  requests: { alice: 0, bob: 0 } as Record<string, number>,
  refusals: { alice: 0, bob: 0 } as Record<string, number>,
  /** Tokens by the provider that served (the model in the answer: a fallback names its own). */
  byProvider: { acme: 0, spare: 0 } as Record<string, number>,
  codes: [] as string[],
};

async function chat(who: 'alice' | 'bob', model: string): Promise<void> {
  const client = new OpenAI({ baseURL: `${server.url}/ext/v1`, apiKey: keys[who], maxRetries: 0 });
  sent.requests[who]!++;
  try {
    const res = await client.chat.completions.create({ model, messages: msg, max_tokens: 20 });
    const total = res.usage!.total_tokens;
    sent.tokens[who]! += total;
    const provider = res.model.split('/')[0]!;
    sent.byProvider[provider] = (sent.byProvider[provider] ?? 0) + total;
  } catch (e) {
    if (!(e instanceof OpenAI.APIError)) throw e;
    sent.refusals[who]!++;
    sent.codes.push(String(e.code));
  }
}

const num = (text: string | null) => Number((text ?? '').replaceAll(',', ''));

/** The text of one cell of a usage table, by the row's name and the cell's class. */
async function cellText(page: Page, section: string, name: string, column: string): Promise<string> {
  const rows = page.locator(`#${section} tbody tr`);
  for (const row of await rows.all()) {
    if ((await row.getAttribute('data-name')) === name) return (await row.locator(`td.${column}`).textContent()) ?? '';
  }
  return `(no row ${name})`;
}

async function openWithToken(page: Page, token: string): Promise<void> {
  await page.goto(`${server.url}/ui`);
  await page.fill('#token', token);
  await page.click('#login button[type=submit]');
}

/** Fails the test on anything the page logs as an error (a CSP violation among them) and on uncaught exceptions. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    // The wrong-token test makes the browser log its own "401" for the refused fetch.
    if (m.type() === 'error' && !/status of 40[13]/.test(m.text())) errors.push(`${m.text()} ${m.location().url}`);
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

describe.skipIf(!browserTestsRun)('the /ui page in chromium', () => {
  beforeAll(async () => {
    browser = await launchChromium(); // first: in CI a missing chromium fails here, at once
    upstream = await new FakeUpstream().start();
    upstream.behave('*', { usage: { prompt: 10, completion: 20 } }).behave('down', { status: 503 });
    server = await startServer({ dataDir: await freshDataDir() });
    const api = apiClient(server);
    const up = `${upstream.url}/v1`;
    const once = { retry: { maxAttempts: 1, initialBackoffMs: 1, maxBackoffMs: 1 } };
    for (const doc of [
      m.secret('spare-key', 'sk-spare'),
      m.secret('acme-key', 'sk-acme'),
      m.provider('spare', up, { allowedModels: ['m'], ...once }),
      m.provider('acme', up, { allowedModels: ['m', 'down'], maxTokensPerDay: PROVIDER_CAP, fallbacks: ['spare/m'], ...once }),
      m.accessKey('alice', { modelProviders: ['acme', 'spare'], maxTokensPerDay: ALICE_CAP }),
      m.accessKey('bob', { modelProviders: ['acme', 'spare'] }),
    ]) {
      const plural = `${doc.kind.toLowerCase()}s`;
      const res = await api.put(`/v1/namespaces/default/${plural}/${doc.metadata.name}`, doc);
      expect(res.status, res.text).toBe(201);
    }
    for (const who of ['alice', 'bob'] as const) {
      const minted = await api.post(`/v1/namespaces/default/accesskeys/${who}/keys`, {});
      expect(minted.status, minted.text).toBe(201);
      keys[who] = minted.body.key;
    }
    // alice until her daily cap refuses twice; bob a few, one that falls over to spare, one hostile model id.
    for (let i = 0; i < 12 && sent.refusals.alice! < 2; i++) await chat('alice', 'acme/m');
    for (let i = 0; i < 3; i++) await chat('bob', 'acme/m');
    await chat('bob', 'acme/down');
    await chat('bob', HOSTILE_MODEL);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await upstream?.stop();
  });

  it('the traffic was what the test means to show: alice refused by her cap, bob served by a fallback once', () => {
    expect(sent.refusals.alice).toBe(2);
    expect(sent.tokens.alice).toBeGreaterThan(0);
    expect(sent.tokens.alice).toBeLessThanOrEqual(ALICE_CAP);
    expect(sent.byProvider.spare).toBe(30);
    expect(sent.codes).toEqual(['daily_budget_exhausted', 'daily_budget_exhausted', 'model_not_allowed']);
  });

  it('serves the page with a strict Content-Security-Policy and no data', async () => {
    for (const path of ['/ui', '/ui/app.js', '/ui/app.css', '/ui/favicon.svg', '/ui/uplot.js', '/ui/uplot.css']) {
      const res = await fetch(server.url + path);
      expect(res.status, path).toBe(200);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("default-src 'none'");
      expect(csp).not.toContain('unsafe');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      const text = await res.text();
      expect(text).not.toContain('alice');
      if (path === '/ui') expect(text).not.toMatch(/(src|href)="(https?:)?\/\//); // nothing from a CDN (the CSP would refuse it too)
    }
  });

  it('after the token, shows each key and provider: tokens today against the cap, requests and refusals, and the refusals list', async () => {
    const page = await browser.newPage();
    const errors = watchErrors(page);
    await openWithToken(page, server.token);
    await page.waitForSelector('#accessKey tbody tr[data-name]');

    expect(num(await cellText(page, 'accessKey', 'default/alice', 'used'))).toBe(sent.tokens.alice);
    expect(num(await cellText(page, 'accessKey', 'default/alice', 'cap'))).toBe(ALICE_CAP);
    expect(num(await cellText(page, 'accessKey', 'default/alice', 'remaining'))).toBe(ALICE_CAP - sent.tokens.alice!);
    expect(num(await cellText(page, 'accessKey', 'default/alice', 'requests'))).toBe(sent.requests.alice);
    expect(num(await cellText(page, 'accessKey', 'default/alice', 'refusals'))).toBe(sent.refusals.alice);
    expect(num(await cellText(page, 'accessKey', 'default/bob', 'used'))).toBe(sent.tokens.bob);
    expect(await cellText(page, 'accessKey', 'default/bob', 'cap')).toBe('—');
    expect(num(await cellText(page, 'accessKey', 'default/bob', 'requests'))).toBe(sent.requests.bob);
    expect(num(await cellText(page, 'accessKey', 'default/bob', 'refusals'))).toBe(sent.refusals.bob);

    expect(num(await cellText(page, 'provider', 'default/acme', 'used'))).toBe(sent.byProvider.acme);
    expect(num(await cellText(page, 'provider', 'default/acme', 'cap'))).toBe(PROVIDER_CAP);
    expect(num(await cellText(page, 'provider', 'default/acme', 'remaining'))).toBe(PROVIDER_CAP - sent.byProvider.acme!);
    expect(num(await cellText(page, 'provider', 'default/spare', 'used'))).toBe(sent.byProvider.spare);

    // The latest refusals and fallbacks: alice's two budget refusals, bob's hostile model id, bob's fallback.
    const events = await page.locator('#events tbody tr').allTextContents();
    expect(events.filter((t) => t.includes('default/alice') && t.includes('daily_budget_exhausted'))).toHaveLength(2);
    expect(events.filter((t) => t.includes('default/bob') && t.includes('acme/down'))).toHaveLength(1);
    // A model id a client chose is shown as text: no element made of it, no script run.
    expect(events.filter((t) => t.includes(HOSTILE_MODEL))).toHaveLength(1);
    expect(await page.locator('#events img').count()).toBe(0);
    expect(await page.title()).toBe('pai — usage');

    // The 14-day charts, drawn by uPlot from the package.
    expect(await page.locator('#provider .chart canvas').count()).toBe(1);
    expect(await page.locator('#accessKey .chart canvas').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('with a read-only token (what docs/ui.md advises): updates on its own as traffic arrives, and keeps the token for the tab', async () => {
    const reader = await apiClient(server).post('/v1/tokens', { name: 'ui', role: 'read' });
    expect(reader.status, reader.text).toBe(201);
    const page = await browser.newPage();
    const errors = watchErrors(page);
    await openWithToken(page, reader.body.token);
    await page.waitForSelector('#accessKey tbody tr[data-name]');
    const before = sent.tokens.bob;
    await chat('bob', 'acme/m');
    expect(sent.tokens.bob).toBeGreaterThan(before!);
    await expect.poll(async () => num(await cellText(page, 'accessKey', 'default/bob', 'used')), { timeout: 20_000, interval: 250 }).toBe(sent.tokens.bob);
    expect(num(await cellText(page, 'provider', 'default/acme', 'used'))).toBe(sent.byProvider.acme);

    await page.reload();
    await page.waitForSelector('#accessKey tbody tr[data-name]');
    expect(num(await cellText(page, 'accessKey', 'default/bob', 'used'))).toBe(sent.tokens.bob);
    expect(await page.isVisible('#login')).toBe(false);

    // "Forget token": no data left, and a reload asks for the token again.
    await page.click('#logout');
    expect(await page.locator('#accessKey tbody tr').count()).toBe(0);
    await page.reload();
    await page.waitForSelector('#login', { state: 'visible' });
    expect(await page.isVisible('#data')).toBe(false);
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a wrong token shows the error and no data, and is not kept', async () => {
    const page = await browser.newPage();
    const errors = watchErrors(page);
    await openWithToken(page, 'pai_tok_thisisnotavalidtoken0123456789abcdef');
    await page.waitForSelector('#error', { state: 'visible' });
    expect(await page.textContent('#error')).toMatch(/refused: the admin token is not valid/);
    expect(await page.isVisible('#data')).toBe(false);
    expect(await page.locator('tbody tr').count()).toBe(0);
    expect(await page.content()).not.toContain('alice');
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
