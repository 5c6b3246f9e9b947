import type { UpstreamPools } from '../upstream/upstream-pools.js';

/** What a classifier answered: the injection score (0–1), or why there is none. */
export type ClassifierVerdict = { kind: 'score'; score: number; label: string | undefined } | { kind: 'unavailable'; reason: string };

/**
 * POSTs `{text}` to a GuardBinding's classifier and reads `{label, score, labels}`. A timeout, a
 * refused connection, a non-2xx or an answer without a score is `unavailable`: the caller fails
 * open. The text is never logged.
 */
export async function classify(pools: UpstreamPools, endpoint: string, text: string, headers: Record<string, string>, timeoutMs: number): Promise<ClassifierVerdict> {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return { kind: 'unavailable', reason: 'bad endpoint' };
  }
  try {
    const res = await pools.pool(url.origin).request({
      path: url.pathname + url.search,
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body: JSON.stringify({ text }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (res.statusCode < 200 || res.statusCode >= 300) {
      await res.body.dump().catch(() => {});
      return { kind: 'unavailable', reason: `HTTP ${res.statusCode}` };
    }
    const body = (await res.body.json()) as { score?: unknown; label?: unknown; labels?: unknown };
    const score = typeof body.score === 'number' ? body.score : injectionScore(body.labels);
    if (score === undefined || !Number.isFinite(score)) return { kind: 'unavailable', reason: 'no score in the answer' };
    return { kind: 'score', score, label: typeof body.label === 'string' ? body.label : undefined };
  } catch (err) {
    const e = err as { name?: string; code?: string };
    return { kind: 'unavailable', reason: e?.name === 'TimeoutError' || e?.name === 'AbortError' ? 'timeout' : (e?.code ?? 'error') };
  }
}

/** A classifier that answers only per-label scores: the injection (or jailbreak) one. */
function injectionScore(labels: unknown): number | undefined {
  if (!Array.isArray(labels)) return undefined;
  let best: number | undefined;
  for (const l of labels as Array<{ label?: unknown; score?: unknown }>) {
    if (typeof l?.score === 'number' && typeof l.label === 'string' && /inject|jailbreak|malicious/i.test(l.label)) best = Math.max(best ?? 0, l.score);
  }
  return best;
}
