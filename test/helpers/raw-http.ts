import { connect } from 'node:net';

/** An HTTP response as read off the socket. */
export interface RawResponse {
  status: number;
  head: string;
  body: string;
}

/**
 * Sends one request over a plain TCP socket, byte for byte: the request target goes out exactly
 * as written (`/%761/tokens`, `//v1`, `/v1/./x`), which fetch and other clients would normalise.
 * The connection is closed by the server after the answer (`Connection: close`).
 */
export function rawRequest(
  url: string,
  method: string,
  target: string,
  opts: { headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  const headers: Record<string, string> = { host: `${hostname}:${port}`, connection: 'close', ...opts.headers };
  if (opts.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    headers['content-length'] = String(Buffer.byteLength(opts.body));
  }
  const head = `${method} ${target} HTTP/1.1\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('')}\r\n`;
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.setTimeout(15_000, () => socket.destroy(new Error(`no answer to ${method} ${target}`)));
    socket.on('data', (d: Buffer) => chunks.push(d));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const parsed = parseResponse(text);
      if (!parsed) reject(new Error(`no HTTP answer to ${method} ${target}: ${JSON.stringify(text.slice(0, 200))}`));
      else resolve(parsed);
    });
    socket.write(head + (opts.body ?? ''));
  });
}

/** The status line, head and (de-chunked) body of a response; undefined until the head is complete. */
export function parseResponse(text: string): RawResponse | undefined {
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const head = text.slice(0, end);
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1]);
  if (!Number.isInteger(status)) return undefined;
  let body = text.slice(end + 4);
  if (/^transfer-encoding:\s*chunked/im.test(head)) {
    let out = '';
    let rest = body;
    for (;;) {
      const nl = rest.indexOf('\r\n');
      const size = Number.parseInt(rest.slice(0, nl), 16);
      if (nl < 0 || !Number.isFinite(size) || size === 0) break;
      out += rest.slice(nl + 2, nl + 2 + size);
      rest = rest.slice(nl + 2 + size + 2);
    }
    body = out;
  }
  return { status, head, body };
}

/**
 * Starts a request that announces a `declaredBytes` body but sends only its first `sentBytes`,
 * then waits for the answer without sending more: a server that reads the whole body before
 * answering never answers (rejects after `waitMs`). Resolves with the answer and the number of
 * body bytes that were sent when it arrived.
 */
export function answerBeforeBody(
  url: string,
  target: string,
  opts: { headers?: Record<string, string>; declaredBytes: number; sentBytes: number; waitMs?: number },
): Promise<{ response: RawResponse; bodyBytesSent: number }> {
  const { hostname, port } = new URL(url);
  const headers = { host: `${hostname}:${port}`, 'content-type': 'application/json', 'content-length': String(opts.declaredBytes), ...opts.headers };
  const head = `POST ${target} HTTP/1.1\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('')}\r\n`;
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let received = '';
    let sent = 0;
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer to POST ${target} while its body was still being sent (${sent} of ${opts.declaredBytes} bytes sent)`));
    }, opts.waitMs ?? 10_000);
    socket.on('error', () => {});
    socket.on('data', (d: Buffer) => {
      received += d.toString('utf8');
      const response = parseResponse(received);
      if (!response) return;
      clearTimeout(timer);
      socket.destroy();
      resolve({ response, bodyBytesSent: sent });
    });
    socket.write(head);
    // A JSON array prefix, so that a server that did parse would see the start of a valid body.
    const chunk = Buffer.alloc(opts.sentBytes, 0x20);
    chunk[0] = 0x5b;
    socket.write(chunk);
    sent = opts.sentBytes;
  });
}
