/**
 * Inputs the schemas must reject, through the precompiled validators the CLI and server use.
 * Each case names the ajv keyword and the instance path of the error that must be among those
 * reported (with allErrors, a oneOf also reports the errors of its branches).
 */
import { describe, expect, it } from 'vitest';
import { validators } from '../../src/compiler/validate/validators.generated.js';
import { minimal, nim, reviewer, withValue, type Doc } from './manifests.js';

interface Case {
  name: string;
  doc: Doc;
  keyword: string;
  path: string;
}

const agent = (path: string, value: unknown) => withValue(reviewer(), path, value);
const mp = (path: string, value: unknown) => withValue(nim(), path, value);
const of = (kind: string, path: string, value: unknown) => withValue(minimal(kind), path, value);

const cases: Case[] = [
  // unknown fields, at several depths
  { name: 'unknown top-level field', doc: mp('specs', {}), keyword: 'additionalProperties', path: '' },
  { name: 'unknown metadata field (typo of labels)', doc: mp('metadata.lables', {}), keyword: 'additionalProperties', path: '/metadata' },
  { name: 'unknown spec field (typo of maxTokensPerDay)', doc: mp('spec.maxTokensPerDy', 1), keyword: 'additionalProperties', path: '/spec' },
  { name: 'unknown field in spec.retry', doc: mp('spec.retry', { maxAttempt: 3 }), keyword: 'additionalProperties', path: '/spec/retry' },
  { name: 'unknown field in spec.externalAccess', doc: mp('spec.externalAccess.maxTokens', 1), keyword: 'additionalProperties', path: '/spec/externalAccess' },
  { name: 'unknown field in a guard of a ModelProvider', doc: mp('spec.guards', [{ binding: 'g', scan: { prompt: true } }]), keyword: 'additionalProperties', path: '/spec/guards/0/scan' },
  { name: 'unknown field in an Agent memory', doc: agent('spec.memories', [{ name: 'm', mountPath: '/m', acess: 'readOnly' }]), keyword: 'additionalProperties', path: '/spec/memories/0' },
  { name: 'unknown field in Agent resources.requests', doc: agent('spec.resources', { requests: { cpus: 1 } }), keyword: 'additionalProperties', path: '/spec/resources/requests' },
  { name: 'unknown field in an env entry', doc: agent('spec.env', [{ name: 'A', vaule: 'x' }]), keyword: 'additionalProperties', path: '/spec/env/0' },
  { name: 'unknown field in a webhook trigger', doc: agent('spec.triggers', [{ webhook: { path: '/x' } }]), keyword: 'additionalProperties', path: '/spec/triggers/0/webhook' },
  { name: 'unknown field in Provider policy.httpRules[]', doc: of('Provider', 'spec.policy', { httpRules: [{ method: ['GET'], effect: 'allow' }] }), keyword: 'additionalProperties', path: '/spec/policy/httpRules/0' },
  { name: 'unknown field in GuardBinding classifier.auth', doc: of('GuardBinding', 'spec.classifier.auth', { secretref: 'x' }), keyword: 'additionalProperties', path: '/spec/classifier/auth' },
  { name: 'unknown field in a Secret spec', doc: of('Secret', 'spec.strData', {}), keyword: 'additionalProperties', path: '/spec' },
  { name: 'unknown field in an AccessKey spec', doc: of('AccessKey', 'spec.models', ['x']), keyword: 'additionalProperties', path: '/spec' },

  // enums and consts
  { name: 'ModelProvider provider typo', doc: mp('spec.provider', 'antropic'), keyword: 'enum', path: '/spec/provider' },
  { name: 'Agent harness not in the list', doc: agent('spec.harness', 'claud'), keyword: 'enum', path: '/spec/harness' },
  { name: 'memory access not readWrite|readOnly', doc: agent('spec.memories', [{ name: 'm', mountPath: '/m', access: 'write' }]), keyword: 'enum', path: '/spec/memories/0/access' },
  { name: 'guard enforcement not enforce|audit', doc: agent('spec.guards', [{ binding: 'g', enforcement: 'block' }]), keyword: 'enum', path: '/spec/guards/0/enforcement' },
  { name: 'Provider type not in the list', doc: of('Provider', 'spec.type', 'gitlab'), keyword: 'enum', path: '/spec/type' },
  { name: 'MCP transport not sse|stdio', doc: of('Provider', 'spec.mcp', { transport: 'http' }), keyword: 'enum', path: '/spec/mcp/transport' },
  { name: 'httpRules effect not allow|deny', doc: of('Provider', 'spec.policy', { httpRules: [{ effect: 'permit' }] }), keyword: 'enum', path: '/spec/policy/httpRules/0/effect' },
  { name: 'classifier type not in the list', doc: of('GuardBinding', 'spec.classifier.type', 'openaiModeration'), keyword: 'enum', path: '/spec/classifier/type' },
  { name: 'apiVersion of another version', doc: mp('apiVersion', 'pai.io/v2'), keyword: 'const', path: '/apiVersion' },
  { name: 'kind of another schema', doc: { ...nim(), kind: 'Agent' }, keyword: 'additionalProperties', path: '/spec' },

  // names
  { name: 'name with upper case and underscore', doc: mp('metadata.name', 'Bad_Name'), keyword: 'pattern', path: '/metadata/name' },
  { name: 'name longer than 63 characters', doc: mp('metadata.name', 'a'.repeat(64)), keyword: 'maxLength', path: '/metadata/name' },
  { name: 'name ending in a dash', doc: mp('metadata.name', 'nim-'), keyword: 'pattern', path: '/metadata/name' },
  { name: 'namespace with a dot', doc: mp('metadata.namespace', 'team.a'), keyword: 'pattern', path: '/metadata/namespace' },
  { name: 'referenced Provider name in upper case', doc: agent('spec.providers', ['GitHub']), keyword: 'pattern', path: '/spec/providers/0' },
  { name: 'secret name in apiKeySecretRef', doc: mp('spec.apiKeySecretRef.name', 'NIM KEY'), keyword: 'pattern', path: '/spec/apiKeySecretRef/name' },
  { name: 'label key with a space', doc: mp('metadata.labels', { 'my team': 'x' }), keyword: 'pattern', path: '/metadata/labels' },
  { name: 'env name with a dash', doc: agent('spec.env', [{ name: 'MY-VAR', value: 'x' }]), keyword: 'pattern', path: '/spec/env/0/name' },

  // model ids travel in the gateway's x-pai-model response header: visible ASCII only
  { name: 'allowedModels entry with non-Latin-1 characters', doc: mp('spec.allowedModels', ['模型']), keyword: 'pattern', path: '/spec/allowedModels/0' },
  { name: 'deniedModels entry with a control character', doc: mp('spec.deniedModels', ['m\u0007']), keyword: 'pattern', path: '/spec/deniedModels/0' },
  { name: 'fallbacks entry with a line break', doc: mp('spec.fallbacks', ['nim/m\r\nx-evil: 1']), keyword: 'pattern', path: '/spec/fallbacks/0' },
  { name: 'Agent model with a Latin-1 accent', doc: agent('spec.models', ['anthropic/modèle']), keyword: 'pattern', path: '/spec/models/0' },
  { name: 'AccessKey allowedModels entry with a space', doc: of('AccessKey', 'spec.allowedModels', ['llama 3']), keyword: 'pattern', path: '/spec/allowedModels/0' },
  { name: 'model id longer than 256 characters', doc: mp('spec.allowedModels', ['m'.repeat(257)]), keyword: 'maxLength', path: '/spec/allowedModels/0' },

  // wrong types
  { name: 'maxTokensPerDay as words', doc: mp('spec.maxTokensPerDay', 'five million'), keyword: 'type', path: '/spec/maxTokensPerDay' },
  { name: 'replicas not an integer', doc: agent('spec.replicas', 1.5), keyword: 'type', path: '/spec/replicas' },
  { name: 'longRunning as a string', doc: agent('spec.longRunning', 'yes'), keyword: 'type', path: '/spec/longRunning' },
  { name: 'models as a single string', doc: agent('spec.models', 'anthropic/claude-sonnet-4-6'), keyword: 'type', path: '/spec/models' },
  { name: 'env value as a number (must be quoted)', doc: agent('spec.env', [{ name: 'PORT', value: 8080 }]), keyword: 'type', path: '/spec/env/0/value' },
  { name: 'metadata as a list', doc: mp('metadata', ['nim']), keyword: 'type', path: '/metadata' },
  { name: 'status as a string', doc: mp('status', 'ok'), keyword: 'type', path: '/status' },
  { name: 'stringData value as a number', doc: of('Secret', 'spec.stringData', { port: 1 }), keyword: 'type', path: '/spec/stringData/port' },

  // missing required fields
  { name: 'ModelProvider without provider', doc: mp('spec.provider', undefined), keyword: 'required', path: '/spec' },
  { name: 'ModelProvider without spec', doc: mp('spec', undefined), keyword: 'required', path: '' },
  { name: 'metadata without name', doc: mp('metadata', { namespace: 'a' }), keyword: 'required', path: '/metadata' },
  { name: 'manifest without metadata', doc: mp('metadata', undefined), keyword: 'required', path: '' },
  { name: 'GuardBinding classifier without endpoint', doc: of('GuardBinding', 'spec.classifier', { type: 'promptGuard' }), keyword: 'required', path: '/spec/classifier' },
  { name: 'Provider without type', doc: of('Provider', 'spec', {}), keyword: 'required', path: '/spec' },
  { name: 'AccessKey bound to nothing', doc: of('AccessKey', 'spec', { description: 'x' }), keyword: 'anyOf', path: '/spec' },
  { name: 'AccessKey with an empty modelProviders list', doc: of('AccessKey', 'spec.modelProviders', []), keyword: 'minItems', path: '/spec/modelProviders' },
  { name: 'tool without type', doc: agent('spec.tools', [{ enabled: false }]), keyword: 'required', path: '/spec/tools/0' },
  { name: 'inbound without port', doc: agent('spec.inbound', { allowCIDRs: ['10.0.0.0/8'] }), keyword: 'required', path: '/spec/inbound' },
  { name: 'env entry with neither value nor secretRef', doc: agent('spec.env', [{ name: 'A' }]), keyword: 'oneOf', path: '/spec/env/0' },
  { name: 'env secretRef without key', doc: agent('spec.env', [{ name: 'A', secretRef: { name: 's' } }]), keyword: 'required', path: '/spec/env/0/secretRef' },
  { name: 'schedule trigger without cron', doc: agent('spec.triggers', [{ schedule: { timezone: 'UTC' } }]), keyword: 'required', path: '/spec/triggers/0/schedule' },
  { name: 'guard without binding', doc: agent('spec.guards', [{ enforcement: 'audit' }]), keyword: 'required', path: '/spec/guards/0' },

  // formats
  { name: 'endpoint not a URL', doc: mp('spec.endpoint', 'integrate.api.nvidia.com/v1'), keyword: 'format', path: '/spec/endpoint' },
  { name: 'classifier endpoint without a scheme', doc: of('GuardBinding', 'spec.classifier.endpoint', 'guard.internal/classify'), keyword: 'format', path: '/spec/classifier/endpoint' },
  { name: 'expiresAt not a date-time', doc: of('AccessKey', 'spec.expiresAt', 'tomorrow'), keyword: 'format', path: '/spec/expiresAt' },
  { name: 'creationTimestamp not a date-time', doc: mp('metadata.creationTimestamp', 'yesterday'), keyword: 'format', path: '/metadata/creationTimestamp' },
  { name: 'customDomain not a host name', doc: agent('spec.inbound', { port: 80, customDomain: 'bot_example!.com' }), keyword: 'format', path: '/spec/inbound/customDomain' },
  { name: 'CIDR without prefix length', doc: agent('spec.inbound', { port: 80, allowCIDRs: ['10.0.0.1'] }), keyword: 'pattern', path: '/spec/inbound/allowCIDRs/0' },
  { name: 'IPv4 CIDR with an octet above 255', doc: of('AccessKey', 'spec.allowedCIDRs', ['300.0.0.0/8']), keyword: 'pattern', path: '/spec/allowedCIDRs/0' },
  { name: 'IPv4 CIDR with prefix 33', doc: of('AccessKey', 'spec.allowedCIDRs', ['10.0.0.0/33']), keyword: 'pattern', path: '/spec/allowedCIDRs/0' },
  { name: 'IPv6 CIDR with prefix 129', doc: of('AccessKey', 'spec.allowedCIDRs', ['2001:db8::/129']), keyword: 'pattern', path: '/spec/allowedCIDRs/0' },
  { name: 'volume size with a space and GB', doc: agent('spec.volumes', [{ name: 'v', mountPath: '/v', size: '10 GB' }]), keyword: 'pattern', path: '/spec/volumes/0/size' },
  { name: 'cpu quantity with a bad suffix', doc: agent('spec.resources', { limits: { cpu: '2cores' } }), keyword: 'pattern', path: '/spec/resources/limits/cpu' },
  { name: 'mountPath not absolute', doc: agent('spec.memories', [{ name: 'm', mountPath: 'notes' }]), keyword: 'pattern', path: '/spec/memories/0/mountPath' },
  { name: 'Secret data not base64', doc: of('Secret', 'spec.data', { token: 'not base64!' }), keyword: 'pattern', path: '/spec/data/token' },
  { name: 'Provider host given as a URL', doc: of('Provider', 'spec.host', 'https://api.github.com'), keyword: 'pattern', path: '/spec/host' },

  // ranges and sizes
  { name: 'port 0', doc: agent('spec.inbound', { port: 0 }), keyword: 'minimum', path: '/spec/inbound/port' },
  { name: 'port above 65535', doc: agent('spec.inbound', { port: 70000 }), keyword: 'maximum', path: '/spec/inbound/port' },
  { name: 'injection threshold above 1', doc: of('GuardBinding', 'spec.thresholds', { injection: 1.5 }), keyword: 'maximum', path: '/spec/thresholds/injection' },
  { name: 'memory instructions above 4096 characters', doc: agent('spec.memories', [{ name: 'm', mountPath: '/m', instructions: 'x'.repeat(4097) }]), keyword: 'maxLength', path: '/spec/memories/0/instructions' },
  { name: 'maxTokensPerDay of 0', doc: mp('spec.maxTokensPerDay', 0), keyword: 'minimum', path: '/spec/maxTokensPerDay' },
  { name: 'negative replicas', doc: agent('spec.replicas', -1), keyword: 'minimum', path: '/spec/replicas' },
  { name: 'retry.maxAttempts of 0', doc: mp('spec.retry', { maxAttempts: 0 }), keyword: 'minimum', path: '/spec/retry/maxAttempts' },
  { name: 'maxCostPerDayUSD of 0', doc: agent('spec.rateLimits', { maxCostPerDayUSD: 0 }), keyword: 'exclusiveMinimum', path: '/spec/rateLimits/maxCostPerDayUSD' },
  { name: 'a trigger with no kind', doc: agent('spec.triggers', [{}]), keyword: 'minProperties', path: '/spec/triggers/0' },
  { name: 'a trigger with two kinds', doc: agent('spec.triggers', [{ webhook: {}, schedule: { cron: '* * * * *' } }]), keyword: 'maxProperties', path: '/spec/triggers/0' },
];

describe('invalid manifests', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const validate = validators[c.doc.kind as keyof typeof validators];
    expect(validate(c.doc)).toBe(false);
    const found = (validate.errors ?? []).map((e) => ({ keyword: e.keyword, path: e.instancePath }));
    expect(found).toContainEqual({ keyword: c.keyword, path: c.path });
  });

  it('errors inside common definitions carry a schemaPath into common.schema.json', () => {
    const validate = validators.ModelProvider;
    validate(mp('metadata.lables', {}));
    expect(validate.errors?.[0]?.schemaPath).toBe('common.schema.json#/$defs/metadata/additionalProperties');
  });

  it('collects every error of a document, not only the first (allErrors)', () => {
    const validate = validators.ModelProvider;
    validate(withValue(mp('spec.provider', 'x'), 'spec.maxTokensPerDay', 'lots'));
    expect(validate.errors?.map((e) => e.instancePath).sort()).toEqual(['/spec/maxTokensPerDay', '/spec/provider']);
  });
});
