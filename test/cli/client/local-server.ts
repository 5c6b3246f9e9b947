import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A recorded request to the fake control plane. */
export interface SeenRequest {
  method: string;
  url: string;
  authorization: string | undefined;
  body: string;
}

/**
 * A tiny HTTP server on 127.0.0.1 for client tests: each request is recorded, then answered by
 * `handler` (which gets the 1-based request number, so a test can fail the first N calls).
 */
export async function startLocalServer(
  handler: (req: SeenRequest, n: number, res: ServerResponse) => void,
): Promise<{ url: string; requests: SeenRequest[]; close: () => Promise<void> }> {
  const requests: SeenRequest[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.setEncoding('utf8').on('data', (d: string) => (body += d));
    req.on('end', () => {
      const seen = { method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body };
      requests.push(seen);
      handler(seen, requests.length, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** Sends a JSON answer. */
export function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** Sends the documented error body. */
export function apiError(res: ServerResponse, status: number, reason: string, message: string, extra: Record<string, unknown> = {}): void {
  json(res, status, { error: { status, reason, message, ...extra } });
}

/** A free port with nothing listening on it (for "connection refused"). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
