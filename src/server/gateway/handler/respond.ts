import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServerResponse } from 'node:http';
import { msSince, type AuditRecord } from '../audit.js';
import { usageHeaders } from '../budget/budget-errors.js';
import type { Grant } from '../budget/ledger.js';
import type { Candidate } from '../config/route-plan.js';
import { GatewayError } from '../errors.js';
import type { Gateway } from '../gateway.js';
import type { ClientRequest } from '../protocol/request-body.js';
import { ResponseHold, scanInWindows } from '../guards/response-hold.js';
import type { ResponseScanner } from '../guards/guard-scan.js';
import { answerText } from '../protocol/answer-text.js';
import { withoutKey } from '../protocol/redact.js';
import { SseRelay, streamErrorEvent, streamRefusalEvent } from '../protocol/sse-relay.js';
import { usageFromJsonText, withModel, type Usage } from '../protocol/usage.js';
import type { CallerContext } from '../request-context.js';
import type { CallControl, UpstreamAnswer } from '../upstream/upstream-call.js';
import type { UpstreamApi } from '../upstream/provider-endpoints.js';
import { upstreamAuthError } from './upstream-errors.js';

/** Everything about one upstream answer that is about to become the client's response. */
export interface Attempt {
  gw: Gateway;
  req: FastifyRequest;
  reply: FastifyReply;
  api: UpstreamApi;
  request: ClientRequest;
  candidate: Candidate;
  caller: CallerContext;
  apiKey: string | undefined;
  grant: Grant | undefined;
  settle: (tokens: number | undefined, cancelled?: boolean) => void;
  audit: AuditRecord;
  answer: UpstreamAnswer;
  /** Stops the upstream call: its client left, the provider's total timeout, or a guard's block. */
  control: CallControl;
  /** The guards that scan the answer before the client gets it, if any binding does. */
  responseGuards: ResponseScanner | undefined;
  /** When the serving call was sent upstream (performance.now()). */
  callStartedAt: number;
}

/**
 * Turns an upstream answer into the response: 'served', or the failure that lets the next
 * candidate try (only possible before the first byte went to the client).
 * - 401/403 from the upstream: the gateway's own key was refused — a 502, the body withheld;
 * - other 4xx: the client's request was wrong — passed on as is (no fallback helps);
 * - a stream: relayed as it arrives; it can still fall back until its first chunk;
 * - anything else: read whole, the upstream key redacted, usage taken, scanned by the response
 *   guards (a block withholds it: 403), model named, passed on.
 */
export async function respond(a: Attempt): Promise<'served' | GatewayError> {
  const { answer } = a;
  if (answer.status === 401 || answer.status === 403) {
    await answer.body.dump().catch(() => {});
    a.settle(0, true);
    throw upstreamAuthError(answer.status, a.candidate.provider);
  }
  const contentType = String(answer.headers['content-type'] ?? 'application/json');
  if (answer.status < 300 && a.request.stream && a.api !== 'count_tokens' && contentType.startsWith('text/event-stream')) return relayStream(a, contentType);
  let text: string;
  try {
    text = withoutKey(await answer.body.text(), a.apiKey); // before anything reads it: guards, the client
  } catch (err) {
    a.settle(undefined); // the upstream broke off, or the call was stopped: it may have worked, so the reservation counts
    if (a.control.clientGone) throw err; // the client left: no other candidate either
    return upstreamBroken(a);
  }
  const dialect = a.api === 'chat' ? 'openai' : 'anthropic';
  const usage = a.api === 'count_tokens' || answer.status >= 300 ? undefined : usageFromJsonText(text, dialect);
  if (answer.status >= 300) a.settle(0, true);
  else a.settle(usage?.total ?? (a.api === 'count_tokens' ? 0 : undefined));
  recordUsage(a.audit, usage);
  if (a.responseGuards && answer.status < 300 && a.api !== 'count_tokens') {
    const refused = await scanInWindows(a.responseGuards, answerText(text, dialect));
    if (refused) throw refused; // the answer is withheld; its tokens were used and are charged
  }
  a.audit.status = answer.status;
  const body = answer.status < 300 && a.api !== 'count_tokens' ? withModel(text, a.candidate.ref) : text;
  void a.reply
    .status(answer.status)
    .headers({ 'x-pai-model': headerSafe(a.candidate.ref), ...(a.grant ? usageHeaders(a.gw.ledger, a.grant.lines, usage?.total) : {}) })
    .type(contentType)
    .send(body);
  return 'served';
}

function upstreamBroken(a: Attempt): GatewayError {
  const why = a.control.timedOut ? `did not finish its answer within ${a.candidate.provider.timeouts.totalMs} ms (spec.timeouts.totalMs)` : 'broke off its answer';
  return new GatewayError('upstream_unavailable', `ModelProvider ${a.candidate.provider.name} ${why}`);
}

/**
 * Relays a stream with backpressure (a slow client slows the upstream read; nothing piles up).
 * The response is committed only when the first chunk arrived, so an upstream that fails
 * before it can still fall back. A stream that breaks after that ends with an explicit error
 * event — never a clean `[DONE]` — and its reservation is charged in full unless the upstream
 * reported usage. The upstream key is redacted however the chunks split it (SseRelay); with
 * response guards, output waits in a ResponseHold until the classifier passed it, and a block
 * ends the stream with the refusal as an error event and stops the upstream.
 */
async function relayStream(a: Attempt, contentType: string): Promise<'served' | GatewayError> {
  const dialect = a.api === 'chat' ? 'openai' : 'anthropic';
  const relay = new SseRelay(dialect, a.candidate.ref, {
    stripUsageChunk: a.api === 'chat' && !a.request.clientWantsUsage,
    collectText: a.responseGuards !== undefined,
    apiKey: a.apiKey,
  });
  const hold = a.responseGuards ? new ResponseHold(a.responseGuards) : undefined;
  const chunks = a.answer.body[Symbol.asyncIterator]();
  let first: IteratorResult<Buffer>;
  try {
    first = await chunks.next();
  } catch {
    first = { done: true, value: undefined };
  }
  a.audit.ttft_ms = msSince(a.callStartedAt);
  if (first.done) {
    a.settle(undefined);
    if (a.control.clientGone) throw upstreamBroken(a); // the client left: no other candidate either
    return upstreamBroken(a);
  }
  a.reply.hijack();
  const res = a.reply.raw;
  res.writeHead(200, {
    'content-type': contentType,
    'cache-control': 'no-cache',
    'x-pai-model': headerSafe(a.candidate.ref),
    ...(a.grant ? usageHeaders(a.gw.ledger, a.grant.lines) : {}),
  });
  a.audit.status = 200;
  let broken = false;
  let refused: GatewayError | undefined;
  // What may go to the client now: the relayed text, or (response guards) the part of it the classifier passed.
  const forward = async (out: string, last = false): Promise<void> => {
    if (refused) return;
    const passed = hold ? await (last ? hold.end(out, relay.takeText()) : hold.push(out, relay.takeText())) : out;
    if (typeof passed === 'string') return write(res, passed);
    refused = passed;
  };
  try {
    await forward(relay.push(first.value));
    while (!refused && !res.destroyed) {
      const next = await chunks.next();
      if (next.done) break;
      await forward(relay.push(next.value));
    }
    await forward(relay.end(), true);
  } catch {
    broken = true;
  }
  const clientGone = res.destroyed && !res.writableFinished;
  if (clientGone) a.control.clientLeft();
  else if (refused && !relay.finished) a.control.stop();
  if (refused) {
    if (!res.destroyed) res.write(streamRefusalEvent(dialect, refused));
  } else if (!relay.finished && !clientGone) {
    broken = true;
    if (!res.destroyed) res.write(streamErrorEvent(dialect, `the upstream (ModelProvider ${a.candidate.provider.name}) broke off the stream`));
  }
  const usage = relay.usage;
  a.settle(usage && relay.finished ? usage.total : Math.max(usage?.total ?? 0, a.grant?.amount ?? 0));
  recordUsage(a.audit, usage);
  if (broken) a.audit.code = 'upstream_stream_broken';
  if (refused) a.audit.code = refused.code;
  if (clientGone) a.audit.code = 'client_closed';
  if (!res.destroyed) res.end();
  return 'served';
}

/** Writes and waits while the client's buffer is full (or until the client is gone). */
function write(res: ServerResponse, text: string): Promise<void> | void {
  if (!text || res.destroyed) return;
  if (res.write(text)) return;
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/**
 * A header value that can always be sent. Model references are visible ASCII (the schema and the
 * request check say so), but one stored before that rule must not fail a response (or leave a
 * stream hanging after it was hijacked): it is percent-encoded instead.
 */
function headerSafe(value: string): string {
  if (/^[ -~]*$/.test(value)) return value;
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) out += byte > 0x20 && byte < 0x7f && byte !== 0x25 ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  return out;
}

function recordUsage(audit: AuditRecord, usage: Usage | undefined): void {
  if (!usage) return;
  audit.prompt_tokens = usage.input;
  audit.completion_tokens = usage.output;
  audit.total_tokens = usage.total;
}
