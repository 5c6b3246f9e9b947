import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GatewayMetrics } from '../gateway/observability/metrics.js';

/**
 * `pai server --metrics-port PORT`: `GET /metrics` without a token, for a Prometheus scraper on
 * the same host. Bound to 127.0.0.1 only, so that nothing off the host reaches it; anything but
 * `GET /metrics` is 404.
 */
export async function startMetricsListener(metrics: GatewayMetrics, port: number): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('only GET /metrics is served here\n');
      return;
    }
    metrics.scrape().then(
      ({ contentType, body }) => res.writeHead(200, { 'content-type': contentType }).end(body),
      () => res.writeHead(500, { 'content-type': 'text/plain' }).end('the metrics could not be collected\n'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}/metrics`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
