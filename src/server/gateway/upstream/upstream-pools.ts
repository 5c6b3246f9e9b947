import { Pool, type Dispatcher } from 'undici';

/** Timeouts of upstream calls: LLMs may think for minutes before the first byte. */
export interface UpstreamTimeouts {
  connectMs: number;
  /** Until the response headers arrive. */
  headersMs: number;
  /** Between two chunks of the response body (a stalled stream). */
  bodyMs: number;
}

export const DEFAULT_UPSTREAM_TIMEOUTS: UpstreamTimeouts = { connectMs: 10_000, headersMs: 300_000, bodyMs: 300_000 };

/** A ModelProvider's `spec.timeouts`: until an attempt's answer begins, and for the whole call. */
export interface UpstreamCallTimeouts {
  firstByteMs: number;
  totalMs: number;
}

/** The server's defaults (documented in the ModelProvider schema): 5 minutes until a buffered
 * answer is complete, 10 minutes for a whole call (the OpenAI and Anthropic SDKs' own timeout). */
export const DEFAULT_CALL_TIMEOUTS: UpstreamCallTimeouts = { firstByteMs: 300_000, totalMs: 600_000 };

/**
 * One undici Pool per upstream origin, kept for the life of the server: connections are reused
 * (keep-alive) instead of paying a TCP (and TLS) handshake per request, which is most of what a
 * proxy adds. Pools are created on first use.
 */
export class UpstreamPools {
  private readonly pools = new Map<string, Pool>();

  constructor(
    private readonly timeouts: UpstreamTimeouts = DEFAULT_UPSTREAM_TIMEOUTS,
    private readonly connections = 256,
  ) {}

  /** The pool of an origin (`https://api.openai.com`). */
  pool(origin: string): Dispatcher {
    let pool = this.pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, {
        connections: this.connections,
        pipelining: 1,
        keepAliveTimeout: 30_000,
        connect: { timeout: this.timeouts.connectMs },
        headersTimeout: this.timeouts.headersMs,
        bodyTimeout: this.timeouts.bodyMs,
      });
      this.pools.set(origin, pool);
    }
    return pool;
  }

  async close(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((p) => p.close().catch(() => {})));
  }
}
