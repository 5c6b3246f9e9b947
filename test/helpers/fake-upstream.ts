import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** How the fake answers requests for one model (or by default). */
export interface Behaviour {
  /** Milliseconds before the response headers. */
  latencyMs?: number;
  /** Usage reported; `completion: 'max'` reports the request's max_tokens as completion tokens. */
  usage?: { prompt: number; completion: number | 'max' };
  /** Answer this status (with an OpenAI-style error body) instead of a completion. */
  status?: number;
  /** Only the next N requests get `status` (then normal answers). */
  times?: number;
  /** Destroy the connection without an answer (a network failure). */
  reset?: boolean;
  /** Streams: content chunks sent before the connection is destroyed mid-stream. */
  breakAfterChunks?: number;
  /** Streams: the number of content chunks (default 3). */
  chunks?: number;
  /** Milliseconds between stream chunks. */
  chunkDelayMs?: number;
  /** The answer's text: one stream content chunk per entry, joined in a buffered answer
   * (default: `part0 `, `part1 ` … in streams, `hello from the fake` buffered). */
  content?: string[];
  /** Streams: write these raw byte slices instead of the events (to split a line anywhere). */
  rawChunks?: string[];
}

/** One request as the fake received it. */
export interface SeenRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
  /** When it arrived (performance.now() of this process). */
  at: number;
  /** The gateway closed the connection before the answer was sent (it cancelled the call). */
  cancelled: boolean;
}

/**
 * A local stand-in for an LLM provider on 127.0.0.1 (the only stand-in the gateway's tests use):
 * OpenAI's `POST /v1/chat/completions` (buffered and SSE streaming, with `stream_options.
 * include_usage`) and Anthropic's `POST /v1/messages` (+ `count_tokens`). Behaviour is set per
 * model id: latency, usage numbers, failures (status codes, resets), streams that break.
 */
export class FakeUpstream {
  readonly seen: SeenRequest[] = [];
  private readonly behaviours = new Map<string, Behaviour>();
  private fallback: Behaviour = {};
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  url = '';

  /**
   * Manifests of a Secret `up-key` (with `secretSpec`, YAML flow text: `{}` for one whose values
   * are set out of band) and a ModelProvider `up` that serves model m1 from this upstream to
   * access keys.
   */
  providerManifests(secretSpec: string): string {
    return `apiVersion: pai.io/v1
kind: Secret
metadata: {name: up-key}
spec: ${secretSpec}
---
apiVersion: pai.io/v1
kind: ModelProvider
metadata: {name: up}
spec:
  provider: openai
  endpoint: ${this.url}/v1
  apiKeySecretRef: {name: up-key, key: api-key}
  allowedModels: [m1]
  externalAccess: {enabled: true}
`;
  }

  /** Sets how requests for `model` (or every model, with '*') are answered. */
  behave(model: string, behaviour: Behaviour): this {
    if (model === '*') this.fallback = behaviour;
    else this.behaviours.set(model, behaviour);
    return this;
  }

  reset(): void {
    this.behaviours.clear();
    this.fallback = {};
    this.seen.length = 0;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 60_000;
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    } catch {
      /* keep {} */
    }
    const path = (req.url ?? '').split('?')[0]!;
    const seen: SeenRequest = { path, headers: req.headers, body, at: performance.now(), cancelled: false };
    this.seen.push(seen);
    res.once('close', () => {
      if (!res.writableFinished) seen.cancelled = true;
    });
    const model = String(body.model ?? '');
    const b = this.behaviours.get(model) ?? this.fallback;
    if (b.latencyMs) await sleep(b.latencyMs);
    if (b.reset) {
      req.socket.destroy();
      return;
    }
    if (b.status !== undefined && (b.times === undefined || b.times > 0)) {
      if (b.times !== undefined) b.times--;
      return json(res, b.status, { error: { message: `fake failure ${b.status}`, type: 'server_error', code: null, param: null } });
    }
    const max = Number(body.max_tokens ?? body.max_completion_tokens ?? 16);
    const prompt = b.usage?.prompt ?? 10;
    const completion = b.usage === undefined ? 5 : b.usage.completion === 'max' ? max : b.usage.completion;
    if (path.endsWith('/messages/count_tokens')) return json(res, 200, { input_tokens: prompt });
    const anthropic = path.endsWith('/messages');
    if (body.stream === true) return this.stream(res, model, anthropic, body, b, prompt, completion);
    if (anthropic) {
      return json(res, 200, {
        id: 'msg_fake',
        type: 'message',
        role: 'assistant',
        model,
        content: [{ type: 'text', text: b.content?.join('') ?? 'hello from the fake' }],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage: { input_tokens: prompt, output_tokens: completion },
      });
    }
    return json(res, 200, {
      id: 'chatcmpl-fake',
      object: 'chat.completion',
      created: 1,
      model,
      choices: [{ index: 0, message: { role: 'assistant', content: b.content?.join('') ?? 'hello from the fake' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion },
    });
  }

  private async stream(res: ServerResponse, model: string, anthropic: boolean, body: Record<string, unknown>, b: Behaviour, prompt: number, completion: number): Promise<void> {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const parts = b.content ?? Array.from({ length: b.chunks ?? 3 }, (_, i) => `part${i} `);
    const n = parts.length;
    const send = async (text: string) => {
      res.write(text);
      if (b.chunkDelayMs) await sleep(b.chunkDelayMs);
    };
    if (b.rawChunks) {
      for (const raw of b.rawChunks) await send(raw);
      return void res.end();
    }
    if (anthropic) {
      await send(event('message_start', { type: 'message_start', message: { id: 'msg_fake', type: 'message', role: 'assistant', model, content: [], usage: { input_tokens: prompt, output_tokens: 1 } } }));
      await send(event('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }));
      for (let i = 0; i < n; i++) {
        if (b.breakAfterChunks === i) return void res.socket?.destroy();
        await send(event('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: parts[i] } }));
      }
      await send(event('content_block_stop', { type: 'content_block_stop', index: 0 }));
      await send(event('message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: completion } }));
      await send(event('message_stop', { type: 'message_stop' }));
      return void res.end();
    }
    const chunk = (delta: object, finish: string | null) => ({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1, model, choices: [{ index: 0, delta, finish_reason: finish }] });
    await send(`data: ${JSON.stringify(chunk({ role: 'assistant', content: '' }, null))}\n\n`);
    for (let i = 0; i < n; i++) {
      if (b.breakAfterChunks === i) return void res.socket?.destroy();
      await send(`data: ${JSON.stringify(chunk({ content: parts[i] }, null))}\n\n`);
    }
    await send(`data: ${JSON.stringify(chunk({}, 'stop'))}\n\n`);
    if ((body.stream_options as { include_usage?: boolean } | undefined)?.include_usage) {
      await send(`data: ${JSON.stringify({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1, model, choices: [], usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion } })}\n\n`);
    }
    await send('data: [DONE]\n\n');
    res.end();
  }
}

function event(name: string, data: object): string {
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
