import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifests as m, startHarness, type Harness } from './harness.js';
import { jsonOf } from '../../helpers/json.js';

const UPSTREAM_KEY = 'sk-ant-CANARY-2718281828';
let h: Harness;
let key: string;

beforeAll(async () => {
  h = await startHarness();
  await h.apply(
    m.secret('claude-key', UPSTREAM_KEY),
    m.secret('nim-key', 'sk-nim'),
    m.provider('claude', h.upstream.url, { provider: 'anthropic', allowedModels: ['claude-sonnet-4-6'] }),
    m.provider('nim', `${h.upstream.url}/v1`, { allowedModels: ['z-ai/glm4.7'] }),
    m.accessKey('coder', { modelProviders: ['claude', 'nim'] }),
  );
  key = await h.mintKey('coder');
});
afterAll(() => h.close());

/** The SDK as Claude Code is set up by `pai gateway env`: ANTHROPIC_BASE_URL=<server>/ext, ANTHROPIC_AUTH_TOKEN=pak_…. */
const client = (opts: { viaApiKey?: boolean } = {}) =>
  new Anthropic({ baseURL: `${h.url}/ext`, ...(opts.viaApiKey ? { apiKey: key } : { authToken: key, apiKey: null }), maxRetries: 0 });

describe('Anthropic-compatible Messages', () => {
  it.each([['Authorization: Bearer (ANTHROPIC_AUTH_TOKEN)', false], ['x-api-key (ANTHROPIC_API_KEY)', true]])('answers with the official SDK, the key sent as %s', async (_how, viaApiKey) => {
    h.upstream.seen.length = 0;
    const res = await client({ viaApiKey }).messages.create({ model: 'claude/claude-sonnet-4-6', max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] });
    expect(res.content[0]).toMatchObject({ type: 'text', text: 'hello from the fake' });
    expect(res.model).toBe('claude/claude-sonnet-4-6');
    expect(res.usage.output_tokens).toBe(5);
    const seen = h.upstream.seen[0]!;
    expect(seen.path).toBe('/v1/messages');
    expect(seen.headers['x-api-key']).toBe(UPSTREAM_KEY);
    expect(seen.headers['anthropic-version']).toBeTruthy();
    expect(seen.body.model).toBe('claude-sonnet-4-6');
  });

  it('accepts the bare model ids Claude Code sends', async () => {
    const res = await client().messages.create({ model: 'claude-sonnet-4-6', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] });
    expect(res.model).toBe('claude/claude-sonnet-4-6');
  });

  it('streams, and settles the budget from message_start and message_delta usage', async () => {
    const stream = client().messages.stream({ model: 'claude/claude-sonnet-4-6', max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] });
    const final = await stream.finalMessage();
    expect(final.content[0]).toMatchObject({ type: 'text', text: 'part0 part1 part2 ' });
    expect(final.model).toBe('claude/claude-sonnet-4-6');
    const audit = h.logs.filter((l) => l.msg === 'gateway request').at(-1)!;
    expect(audit).toMatchObject({ route: 'messages', stream: true, prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 });
  });

  it('counts tokens', async () => {
    const res = await client().messages.countTokens({ model: 'claude/claude-sonnet-4-6', messages: [{ role: 'user', content: 'hi' }] });
    expect(res.input_tokens).toBe(10);
  });

  it('refuses a non-anthropic model in the Anthropic error shape', async () => {
    const res = await h.ext('/messages', { key, body: { model: 'nim/z-ai/glm4.7', max_tokens: 8, messages: [{ role: 'user', content: 'hi' }] } });
    expect(res.status).toBe(400);
    const body = await jsonOf(res);
    expect(body).toMatchObject({ type: 'error', error: { type: 'invalid_request_error', code: 'unsupported_provider' } });
  });

  it('refuses an admin token in the Anthropic error shape', async () => {
    const res = await h.ext('/messages', { headers: { 'x-api-key': h.adminToken }, body: { model: 'claude-sonnet-4-6', max_tokens: 8, messages: [{ role: 'user', content: 'hi' }] } });
    expect(res.status).toBe(403);
    expect((await jsonOf(res)).error.type).toBe('permission_error');
  });

  it('never hands the upstream key back', async () => {
    h.upstream.behave('claude-sonnet-4-6', { status: 401 });
    const res = await h.ext('/messages', { key, body: { model: 'claude-sonnet-4-6', max_tokens: 8, messages: [{ role: 'user', content: 'hi' }] } });
    expect(res.status).toBe(502);
    expect(await res.text()).not.toContain(UPSTREAM_KEY);
    h.upstream.reset();
  });
});
