import type { FastifyInstance } from 'fastify';
import { access } from '../http/auth.js';
import { auditCaller, newAuditRecord, writeAudit } from './audit.js';
import { listModels } from './config/model-listing.js';
import { GatewayError } from './errors.js';
import type { Gateway } from './gateway.js';
import { handleLlmCall } from './handler/llm-call.js';
import { callerOf } from './request-context.js';
import { ACCESS_KEY_NAME_HEADER } from '../../api/list-params.js';

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
    const gw = need();
    const started = performance.now();
    const audit = newAuditRecord('models');
    auditCaller(audit, req);
    try {
      const { snapshot, key } = await callerOf(gw, req);
      audit.agent = key.agent ?? null;
      const data = listModels(snapshot, key).map((id) => ({ id, object: 'model', created: 0, owned_by: id.split('/')[0] }));
      audit.status = 200;
      // Names the key's AccessKey (never the key), so that `pai login --access-key` can name the context after it.
      reply.header(ACCESS_KEY_NAME_HEADER, key.name);
      return await reply.type('application/json').send(JSON.stringify({ object: 'list', data }));
    } catch (err) {
      audit.status = err instanceof GatewayError ? err.status : 500;
      audit.code = err instanceof GatewayError ? err.code : 'gateway_error';
      throw err;
    } finally {
      writeAudit(gw, audit, started);
    }
  });

  scope.post('/chat/completions', access('accessKey'), (req, reply) => handleLlmCall(need(), req, reply, 'chat'));
  scope.post('/messages', access('accessKey'), (req, reply) => handleLlmCall(need(), req, reply, 'messages'));
  scope.post('/messages/count_tokens', access('accessKey'), (req, reply) => handleLlmCall(need(), req, reply, 'count_tokens'));
}
