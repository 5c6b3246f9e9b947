import { describe, expect, it } from 'vitest';
import { newAuditRecord, type AuditRecord } from '../../../../src/server/gateway/audit.js';
import { GatewayMetrics } from '../../../../src/server/gateway/observability/metrics.js';
import { parsePrometheusText } from '../../../helpers/prometheus-text.js';

// Request, token and fallback counts are gathered per series and handed to prom-client when
// /metrics is scraped: every scrape shows the totals so far, whatever was scraped before.
const noStore = { query: async () => ({ rows: [], rowCount: 0 }) };

function served(changes: Partial<AuditRecord> = {}): AuditRecord {
  return { ...newAuditRecord('chat'), key: 'team/alice', agent: 'bot', provider: 'main', model: 'main/m1', status: 200, prompt_tokens: 12, completion_tokens: 9, attempts: 1, upstream_ms: 40, ...changes };
}

async function scrape(metrics: GatewayMetrics) {
  return parsePrometheusText((await metrics.scrape()).body);
}

describe('GatewayMetrics', () => {
  const ok = { route: 'chat', provider: 'team/main', model: 'main/m1', status: '200', code: '' };
  const caller = { provider: 'team/main', model: 'main/m1', access_key: 'team/alice', agent: 'team/bot' };

  it('shows running totals across scrapes', async () => {
    const metrics = new GatewayMetrics(noStore, () => 0);
    metrics.observe(served());
    metrics.observe(served({ fallbacks: 1 }));
    let m = await scrape(metrics);
    expect(m.value('pai_gateway_requests_total', ok)).toBe(2);
    expect(m.value('pai_gateway_tokens_total', { direction: 'in', ...caller })).toBe(24);
    expect(m.value('pai_gateway_fallbacks_total', { provider: 'team/main', model: 'main/m1' })).toBe(1);

    metrics.observe(served({ completion_tokens: 1 }));
    metrics.observe(served({ provider: null, model: null, status: 429, code: 'daily_budget_exhausted', prompt_tokens: null, completion_tokens: null, upstream_ms: null }));
    m = await scrape(metrics);
    expect(m.value('pai_gateway_requests_total', ok)).toBe(3);
    expect(m.value('pai_gateway_requests_total', { route: 'chat', provider: '', model: '', status: '429', code: 'daily_budget_exhausted' })).toBe(1);
    expect(m.value('pai_gateway_tokens_total', { direction: 'out', ...caller })).toBe(19);
    expect(m.value('pai_gateway_fallbacks_total', { provider: 'team/main', model: 'main/m1' })).toBe(1);
    expect(m.value('pai_gateway_upstream_latency_seconds_count', { provider: 'team/main', model: 'main/m1' })).toBe(3);
    expect((await scrape(metrics)).value('pai_gateway_requests_total', ok)).toBe(3);
  });

  it('has token series once an upstream reported usage, even of 0 tokens; none for a refusal', async () => {
    const metrics = new GatewayMetrics(noStore, () => 0);
    metrics.observe(served({ prompt_tokens: 0, completion_tokens: null }));
    metrics.observe(served({ key: 'team/bob', provider: null, model: null, status: 401, code: 'invalid_key', prompt_tokens: null, completion_tokens: null }));
    const tokens = (await scrape(metrics)).samples.filter((s) => s.name === 'pai_gateway_tokens_total');
    expect(tokens.map((s) => [s.labels.direction, s.labels.access_key, s.value])).toEqual([
      ['in', 'team/alice', 0],
      ['out', 'team/alice', 0],
    ]);
  });
});
