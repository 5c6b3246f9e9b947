import type { FastifyInstance } from 'fastify';
import { access } from '../server/auth.js';
import { listModels } from './config/model-listing.js';
import { GatewayError } from './errors.js';
import type { Gateway } from './gateway.js';
import { handleLlmCall } from './handler/llm-call.js';
import { callerOf } from './request-context.js';

/**
 * The LLM routes under `/ext/v1/`: OpenAI's list-models and chat completions, Anthropic's
 * Messages (and count_tokens). Registered even without a gateway (503), so that the route list
 * (and openapi.json) is the same everywhere.
 */
export function registerExtRoutes(scope: FastifyInstance, gateway: Gateway | undefined): void {
  const need = (): Gateway => {
    if (!gateway) throw new GatewayError('upstream_unavailable', 'the LLM gateway is not running on this server');
    return gateway;
  };

  scope.get('/models', access('accessKey'), async (req, reply) => {
    const { snapshot, key } = await callerOf(need(), req);
    const data = listModels(snapshot, key).map((id) => ({ id, object: 'model', created: 0, owned_by: id.split('/')[0] }));
    return reply.type('application/json').send(JSON.stringify({ object: 'list', data }));
  });

  scope.post('/chat/completions', access('accessKey'), (req, reply) => handleLlmCall(need(), req, reply, 'chat'));
  scope.post('/messages', access('accessKey'), (req, reply) => handleLlmCall(need(), req, reply, 'messages'));
  scope.post('/messages/count_tokens', access('accessKey'), (req, reply) => handleLlmCall(need(), req, reply, 'count_tokens'));
}
