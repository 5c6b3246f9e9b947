import { describeNetworkCode } from '../../../lib/network-errors.js';
import type { ProviderConfig } from '../config/snapshot.js';
import { GatewayError } from '../errors.js';
import { TOTAL_TIMEOUT_CODE, type UpstreamFailure } from '../upstream/upstream-call.js';

/**
 * The error for an upstream that kept failing through its retry policy: a provider that is
 * rate limiting us is a retryable 429 (with its Retry-After); anything else a 502.
 */
export function upstreamFailureError(failure: UpstreamFailure, provider: ProviderConfig): GatewayError {
  const attempts = `${failure.attempts} attempt${failure.attempts === 1 ? '' : 's'}`;
  if (failure.status === 429) {
    return new GatewayError('rate_limit_exceeded', `ModelProvider ${provider.name} is rate limiting the gateway (HTTP 429 after ${attempts})`, {
      headers: { 'retry-after': String(Math.max(1, failure.retryAfter ?? 1)), 'x-should-retry': 'true' },
    });
  }
  const what = failure.status !== undefined ? `HTTP ${failure.status}` : describeNetworkCode(failure.code);
  const limits = failure.code === 'UND_ERR_HEADERS_TIMEOUT' || failure.code === TOTAL_TIMEOUT_CODE ? `; its timeouts are ${provider.timeouts.firstByteMs} ms to the first byte, ${provider.timeouts.totalMs} ms in total (spec.timeouts)` : '';
  return new GatewayError('upstream_unavailable', `ModelProvider ${provider.name} failed after ${attempts} (${what})${limits}`);
}

/** The upstream refused the gateway's own credential: never the client's problem, and its body
 * (which may echo part of the key) is not passed on. */
export function upstreamAuthError(status: number, provider: ProviderConfig): GatewayError {
  return new GatewayError('upstream_error', `ModelProvider ${provider.name} rejected the gateway's API key (HTTP ${status}); an admin must fix its apiKeySecretRef Secret`);
}
