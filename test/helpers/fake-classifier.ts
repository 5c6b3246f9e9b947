import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in prompt-injection classifier on 127.0.0.1: `POST {text}` → `{label, score, labels}`.
 * The score is `highScore` when the text contains `trigger`, else 0.01; `delayMs` makes it slow
 * (to test timeouts), `status` makes it fail. It records the texts it saw, in memory (never logs them).
 */
export class FakeClassifier {
  calls = 0;
  readonly texts: string[] = [];
  lastAuthorization: string | undefined;
  trigger = 'IGNORE ALL PREVIOUS INSTRUCTIONS';
  highScore = 0.97;
  delayMs = 0;
  status = 200;
  private server: Server | undefined;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.calls++;
        this.lastAuthorization = req.headers.authorization;
        const text = String((JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { text?: unknown }).text ?? '');
        this.texts.push(text);
        const score = text.includes(this.trigger) ? this.highScore : 0.01;
        const answer = () => {
          if (this.status !== 200) {
            res.writeHead(this.status).end('{"error":"down"}');
            return;
          }
          const label = score >= 0.5 ? 'INJECTION' : 'BENIGN';
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ label, score, labels: [{ label, score }] }));
        };
        if (this.delayMs > 0) setTimeout(answer, this.delayMs);
        else answer();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/classify`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
