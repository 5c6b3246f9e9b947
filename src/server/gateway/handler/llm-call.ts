import type { FastifyReply, FastifyRequest } from 'fastify';
import { auditCaller, msSince, newAuditRecord, writeAudit, type AuditRecord } from '../audit.js';
import { refusalError, tooLargeForBudget } from '../budget/budget-errors.js';
import type { Grant, Refusal } from '../budget/ledger.js';
import { requestLines, tokenLines } from '../budget/request-budgets.js';
import { planRoute, type Candidate, type RoutePlan } from '../config/route-plan.js';
import { GatewayError, type Dialect } from '../errors.js';
import type { Gateway } from '../gateway.js';
import type { GuardSession } from '../guards/guard-scan.js';
import { promptText, readClientRequest, type ClientRequest } from '../protocol/request-body.js';
import { callerOf, type CallerContext } from '../request-context.js';
import { CallControl, callUpstream } from '../upstream/upstream-call.js';
import { upstreamTarget, type UpstreamApi } from '../upstream/provider-endpoints.js';
import { respond, type Attempt } from './respond.js';
import { upstreamFailureError } from './upstream-errors.js';

/**
 * One LLM request through the gateway (chat completions, Messages, count_tokens):
 * the AccessKey and its network are checked; the model is resolved into its fallback chain;
 * the per-request limits (requests per minute, concurrency) are taken; the Agent's guards scan
 * the prompt; then each candidate in turn: its provider's guards, its token budgets reserved
 * (prompt bound + max_tokens, injected when absent), the call with the provider's retry policy,
 * and the answer relayed and settled to its real usage. A candidate whose provider budget is
 * spent or whose upstream keeps failing hands over to the next, re-checking its own budgets.
 * One audit line is written whatever happens.
 */
export async function handleLlmCall(gw: Gateway, req: FastifyRequest, reply: FastifyReply, api: UpstreamApi): Promise<void> {
  const started = performance.now();
  const audit = newAuditRecord(api);
  auditCaller(audit, req);
  try {
    await serve(gw, req, reply, api, audit);
  } catch (err) {
    audit.status = err instanceof GatewayError ? err.status : 500;
    audit.code = err instanceof GatewayError ? err.code : 'gateway_error';
    writeAudit(gw, audit, started);
    throw err;
  }
  writeAudit(gw, audit, started);
}

async function serve(gw: Gateway, req: FastifyRequest, reply: FastifyReply, api: UpstreamApi, audit: AuditRecord): Promise<void> {
  const dialect: Dialect = api === 'chat' ? 'openai' : 'anthropic';
  const caller = await callerOf(gw, req);
  audit.key = `${caller.key.namespace}/${caller.key.name}`;
  audit.agent = caller.key.agent ?? null;
  const request = readClientRequest(req.body, dialect);
  audit.requested = request.model;
  audit.stream = request.stream && api !== 'count_tokens';
  const plan = planRoute(caller.snapshot, caller.key, request.model, dialect);
  const now = gw.now();
  const limits = await gw.ledger.reserve(requestLines(caller.key, plan.agent, now));
  if (!('settle' in limits)) throw refusalError(limits, now);
  const guards = gw.guards.session(caller.snapshot, caller.key.namespace, caller.key.name, () => promptText(request.body));
  try {
    if (plan.agent) await guards.check(plan.agent.guards);
    const failures: GatewayError[] = [];
    for (const [index, candidate] of plan.candidates.entries()) {
      await guards.check(candidate.provider.guards);
      audit.fallbacks = index;
      const outcome = await tryCandidate(gw, req, reply, api, request, candidate, caller, plan, audit, guards);
      if (outcome === 'served') return;
      failures.push(outcome);
    }
    throw failures[0] ?? new GatewayError('model_not_found', `no model can serve "${request.model}"`);
  } finally {
    limits.settle(undefined);
    audit.guards = guards.outcome.events.join(',') || null;
  }
}

/** One candidate: 'served' (a response went out), or why it could not serve (the next one may). */
async function tryCandidate(
  gw: Gateway,
  req: FastifyRequest,
  reply: FastifyReply,
  api: UpstreamApi,
  request: ClientRequest,
  candidate: Candidate,
  caller: CallerContext,
  plan: RoutePlan,
  audit: AuditRecord,
  guards: GuardSession,
): Promise<'served' | GatewayError> {
  const { provider } = candidate;
  const maxTokens = maxTokensFor(gw, request, provider.maxTokensPerRequest, plan.agent?.maxTokensPerRequest);
  if (maxTokens instanceof GatewayError) return maxTokens;
  let grant: Grant | undefined;
  let completionTokens = maxTokens;
  if (api !== 'count_tokens') {
    const reserved = await reserveTokens(gw, request, candidate, caller, plan, maxTokens);
    if (reserved instanceof GatewayError) return reserved;
    ({ grant, completionTokens } = reserved);
  }
  let settled = false;
  const settle = (tokens: number | undefined, cancelled = false) => {
    if (settled) return;
    settled = true;
    grant?.settle(tokens, cancelled);
  };
  // The client leaving stops the upstream call (buffered or streamed), as does the provider's total timeout.
  const control = new CallControl(provider.timeouts.totalMs);
  const onClose = () => {
    if (!reply.raw.writableFinished) control.clientLeft();
  };
  reply.raw.once('close', onClose);
  let sent = false;
  try {
    const apiKey = await gw.config.apiKey(provider);
    if (provider.apiKeySecret && apiKey === undefined) {
      settle(0, true);
      return new GatewayError('upstream_error', `ModelProvider ${provider.name}'s API key Secret ${provider.apiKeySecret.name} (key ${provider.apiKeySecret.key}) does not exist`);
    }
    const target = upstreamTarget(provider, candidate.model, api, apiKey, req.headers);
    const payload = upstreamBody(request, candidate.model, api, completionTokens);
    if (req.raw.socket?.destroyed) throw new GatewayError('invalid_request', 'the client closed the connection before the call was sent upstream');
    sent = true;
    const callStartedAt = performance.now();
    const outcome = await callUpstream(gw.pools, target, payload, provider, control, gw.retryClock);
    audit.attempts += outcome.attempts;
    audit.upstream_ms = msSince(callStartedAt);
    if (outcome.kind === 'failure') {
      settle(0, true);
      return upstreamFailureError(outcome, provider);
    }
    audit.provider = provider.name;
    audit.model = candidate.ref;
    const responseGuards = guards.responses([...(plan.agent?.guards ?? []), ...provider.guards]);
    const attempt: Attempt = { gw, req, reply, api, request, candidate, caller, apiKey, grant, settle, audit, answer: outcome, control, responseGuards, callStartedAt };
    return await respond(attempt);
  } catch (err) {
    // Never sent: nothing to charge. Sent, and the client went away (or a bug): whatever the
    // upstream did counts in full.
    if (sent) settle(undefined);
    else settle(0, true);
    throw err;
  } finally {
    reply.raw.off('close', onClose);
    control.dispose();
  }
}

/**
 * Reserves a candidate's token budgets: the prompt's bound plus max_tokens (× n). A client's
 * max_tokens is reserved as asked; without one, what the day leaves (up to `maxTokens`) will do,
 * and becomes the max_tokens sent upstream. A request that cannot fit a cap even on an empty day
 * is a 400. A refusal of the provider's own budgets is returned (a fallback may fit); of the
 * key's or the Agent's, thrown (no other model helps).
 */
async function reserveTokens(
  gw: Gateway,
  request: ClientRequest,
  candidate: Candidate,
  caller: CallerContext,
  plan: RoutePlan,
  maxTokens: number,
): Promise<{ grant: Grant; completionTokens: number } | GatewayError> {
  const now = gw.now();
  const prompt = request.promptTokensUpperBound;
  const withCompletions = (tokens: number) => prompt + request.completions * tokens;
  const minimum = withCompletions(request.requestedMaxTokens === undefined ? 1 : maxTokens);
  const lines = tokenLines(candidate.provider, caller.key, plan.agent, withCompletions(maxTokens), now);
  const tooLarge = lines.find((line) => line.cap !== undefined && minimum > line.cap);
  const reserved = tooLarge ?? (await gw.ledger.reserve(lines, minimum));
  if ('settle' in reserved) return { grant: reserved, completionTokens: Math.floor((reserved.amount - prompt) / request.completions) };
  const line = tooLarge ?? (reserved as Refusal).line;
  const refused = tooLarge ? tooLargeForBudget(tooLarge, minimum) : refusalError(reserved as Refusal, now);
  if (line.providerSpecific) return refused;
  throw refused;
}

/**
 * The completion tokens to ask for: the client's max_tokens, or the gateway's default when it
 * sent none, cut to what the per-request limits (provider maxTokensPerRequest, Agent
 * tokens.maxPerRequest) leave after the prompt. A prompt that alone exceeds them is refused.
 */
function maxTokensFor(gw: Gateway, request: ClientRequest, ...caps: Array<number | undefined>): number | GatewayError {
  let max = request.requestedMaxTokens ?? gw.defaultMaxTokens;
  for (const cap of caps) {
    if (cap === undefined) continue;
    const room = cap - request.promptTokensEstimate;
    if (room < 1) {
      return new GatewayError('request_too_large', `the prompt (about ${request.promptTokensEstimate} tokens) leaves no room under the per-request limit of ${cap} tokens`, {
        param: 'messages',
      });
    }
    max = Math.min(max, room);
  }
  return max;
}

/** The body sent upstream: the client's, with the upstream model id, the bounded max_tokens and,
 * for streams, usage reporting switched on (the budget is settled from it). */
function upstreamBody(request: ClientRequest, model: string, api: UpstreamApi, maxTokens: number): string {
  const body: Record<string, unknown> = { ...request.body, model };
  if (api !== 'count_tokens') body[request.maxTokensField] = maxTokens;
  if (api === 'chat' && request.stream) body.stream_options = { ...((request.body.stream_options as object | undefined) ?? {}), include_usage: true };
  return JSON.stringify(body);
}
