import { StringDecoder } from 'node:string_decoder';
import { renderError, type Dialect, type GatewayError } from '../errors.js';
import { deltaText } from './answer-text.js';
import { KeyRedactor } from './redact.js';
import { usageFrom, withModel, type Usage } from './usage.js';

/** How a relay treats its stream. */
export interface SseRelayOptions {
  /** Drop the usage-only chunk (the client did not ask for it; the gateway did). */
  stripUsageChunk?: boolean;
  /** Collect the answer text for response guards (`takeText()`). */
  collectText?: boolean;
  /** The upstream key, redacted wherever the stream echoes it. */
  apiKey?: string | undefined;
}

/**
 * Relays a server-sent-event stream from the upstream to the client line by line, as chunks
 * arrive (nothing is buffered beyond one incomplete line, and the few characters that could
 * start the upstream key):
 * - redacts the upstream key wherever the stream echoes it, however the chunks split it,
 * - names the model that serves the request in each event (`model`),
 * - reads the usage (OpenAI: the final chunk that `stream_options.include_usage` adds;
 *   Anthropic: `message_start` input tokens plus the last `message_delta` output tokens),
 * - drops that usage-only chunk when the client did not ask for it itself,
 * - notes whether the stream finished cleanly (`[DONE]`, `message_stop`),
 * - with `collectText`, collects the answer text the events carry, for response guards
 *   (`takeText()`); only then is every event parsed.
 */
export class SseRelay {
  private partial = '';
  private dropBlank = false;
  private openaiUsage: Usage | undefined;
  private anthropicInput: Usage | undefined;
  private anthropicOutput = 0;
  private text = '';
  private readonly decoder = new StringDecoder('utf8');
  private readonly redactor: KeyRedactor;
  private readonly stripUsageChunk: boolean;
  private readonly collectText: boolean;
  /** The upstream ended the stream as its protocol says a finished stream ends. */
  finished = false;

  constructor(
    private readonly dialect: Dialect,
    private readonly ref: string,
    options: SseRelayOptions = {},
  ) {
    this.stripUsageChunk = options.stripUsageChunk === true;
    this.collectText = options.collectText === true;
    this.redactor = new KeyRedactor(options.apiKey);
  }

  /** The answer text of the events forwarded since the last call (with `collectText`). */
  takeText(): string {
    const text = this.text;
    this.text = '';
    return text;
  }

  /** The text to forward for a chunk of upstream bytes. */
  push(chunk: Buffer | string): string {
    // Bytes are decoded across chunk boundaries (a character may be split), then redacted.
    const text = this.partial + this.redactor.push(typeof chunk === 'string' ? chunk : this.decoder.write(chunk));
    const end = text.lastIndexOf('\n');
    if (end < 0) {
      this.partial = text;
      return '';
    }
    this.partial = text.slice(end + 1);
    const lines = text.slice(0, end).split('\n');
    let out = '';
    for (const line of lines) {
      const kept = this.line(line);
      if (kept !== undefined) out += kept + '\n';
    }
    return out;
  }

  /** What is left when the upstream ends (a last line without its newline). */
  end(): string {
    const rest = this.partial + this.redactor.push(this.decoder.end()) + this.redactor.end();
    this.partial = '';
    if (!rest) return '';
    const kept = this.line(rest);
    return kept === undefined ? '' : kept;
  }

  /** The usage the stream reported, if it did. */
  get usage(): Usage | undefined {
    if (this.dialect === 'openai') return this.openaiUsage;
    if (!this.anthropicInput && this.anthropicOutput === 0) return undefined;
    const input = this.anthropicInput?.input ?? 0;
    return { input, output: this.anthropicOutput, total: input + this.anthropicOutput };
  }

  private line(raw: string): string | undefined {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === '') {
      if (this.dropBlank) {
        this.dropBlank = false;
        return undefined;
      }
      return raw;
    }
    if (!line.startsWith('data:')) return raw;
    const data = line.slice(line.charAt(5) === ' ' ? 6 : 5);
    if (this.collectText && data !== '[DONE]') this.collect(data);
    if (this.dialect === 'openai') return this.openaiData(raw, data);
    return this.anthropicData(raw, data);
  }

  private collect(data: string): void {
    try {
      this.text += deltaText(JSON.parse(data), this.dialect);
    } catch {
      this.text += data; // not JSON: whatever it says is scanned as it is
    }
  }

  private openaiData(raw: string, data: string): string | undefined {
    if (data === '[DONE]') {
      this.finished = true;
      return raw;
    }
    if (data.includes('"usage":{')) {
      try {
        const event = JSON.parse(data) as { usage?: unknown; choices?: unknown[] };
        this.openaiUsage = usageFrom(event.usage, 'openai') ?? this.openaiUsage;
        if (this.stripUsageChunk && Array.isArray(event.choices) && event.choices.length === 0) {
          this.dropBlank = true;
          return undefined;
        }
      } catch {
        /* not JSON: forwarded as is */
      }
    }
    return data.includes('"model"') ? withModel(raw, this.ref) : raw;
  }

  private anthropicData(raw: string, data: string): string {
    if (data.includes('"message_start"')) {
      try {
        const event = JSON.parse(data) as { message?: { usage?: unknown } };
        this.anthropicInput = usageFrom(event.message?.usage, 'anthropic');
        this.anthropicOutput = Math.max(this.anthropicOutput, this.anthropicInput?.output ?? 0);
      } catch {
        /* forwarded as is */
      }
      return withModel(raw, this.ref);
    }
    if (data.includes('"message_delta"')) {
      try {
        const event = JSON.parse(data) as { usage?: { output_tokens?: unknown } };
        const out = event.usage?.output_tokens;
        if (typeof out === 'number') this.anthropicOutput = out;
      } catch {
        /* forwarded as is */
      }
    }
    if (data.includes('"message_stop"')) this.finished = true;
    return raw;
  }
}

/** The event that ends a stream the upstream broke off: an explicit error, never a clean finish. */
export function streamErrorEvent(dialect: Dialect, message: string): string {
  if (dialect === 'anthropic') return errorEvent(dialect, JSON.stringify({ type: 'error', error: { type: 'api_error', message } }));
  return errorEvent(dialect, JSON.stringify({ error: { message, type: 'server_error', code: 'upstream_stream_broken', param: null } }));
}

/** The event that ends a stream the gateway refused to finish (a response guard blocked it):
 * the refusal's error body, in the dialect's error event. */
export function streamRefusalEvent(dialect: Dialect, err: GatewayError): string {
  return errorEvent(dialect, renderError(err, dialect));
}

function errorEvent(dialect: Dialect, json: string): string {
  return dialect === 'anthropic' ? `event: error\ndata: ${json}\n\n` : `data: ${json}\n\n`;
}
