/**
 * Inputs the schemas must accept: the documentation examples, every fixture that the check stage
 * (not the schema) is meant to reject, objects as the server returns them, and the edge values
 * of each custom format.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { createAjv } from '../../scripts/gen-validators.mjs';
import { DIAGNOSTIC_CODES } from '../../src/api/diagnostic-codes.js';
import { validators } from '../../src/compiler/validate/validators.generated.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { minimal, nim, reviewer, withValue, type Doc } from './manifests.js';

function errorsOf(doc: Doc): unknown[] {
  const validate = validators[doc.kind as keyof typeof validators];
  return validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.keyword}: ${e.message}`);
}

function yamlDocs(file: string): Doc[] {
  return parseAllDocuments(readFileSync(file, 'utf8'))
    .map((d) => d.toJS() as Doc)
    .filter((d) => d && typeof d === 'object' && d.apiVersion === 'pai.io/v1');
}

describe('documentation examples', () => {
  it('the `nim` ModelProvider validates', () => expect(errorsOf(nim())).toEqual([]));
  it('the `reviewer` Agent validates', () => expect(errorsOf(reviewer())).toEqual([]));

  it('every document of fixtures/valid validates', () => {
    const dir = path.join(REPO_ROOT, 'fixtures/valid/docs-example');
    const docs = readdirSync(dir).flatMap((f) => yamlDocs(path.join(dir, f)));
    expect(docs.length).toBeGreaterThan(10);
    for (const doc of docs) expect(errorsOf(doc), `${doc.kind}/${doc.metadata?.name}`).toEqual([]);
  });

  it('fixtures of check-stage codes pass the schema (else their rule could never run)', () => {
    const root = path.join(REPO_ROOT, 'fixtures/invalid');
    const checkFixtures = readdirSync(root).filter((name) => {
      const code = name.split('--')[0] as keyof typeof DIAGNOSTIC_CODES;
      return DIAGNOSTIC_CODES[code]?.stage === 'check';
    });
    expect(checkFixtures.length).toBeGreaterThan(10);
    for (const name of checkFixtures) {
      for (const doc of yamlDocs(path.join(root, name, 'input.yaml'))) expect(errorsOf(doc), name).toEqual([]);
    }
  });
});

describe('the manifest schema (for editors)', () => {
  const validate = createAjv().getSchema('https://pai.dev/schemas/v1/manifest.schema.json')!;
  it.each([['nim', nim()], ['reviewer', reviewer()], ['a minimal Secret', minimal('Secret')]])('accepts %s', (_name, doc) => {
    expect(validate(doc)).toBe(true);
  });
  it.each([
    ['an unknown field in a ModelProvider spec', withValue(nim(), 'spec.maxTokensPerDy', 1)],
    ['an unknown kind', withValue(nim(), 'kind', 'Model')],
    ['a missing kind', withValue(nim(), 'kind', undefined)],
  ])('rejects %s', (_name, doc) => {
    expect(validate(doc)).toBe(false);
  });
});

describe('accepted inputs', () => {
  const live = {
    name: 'nvidia',
    namespace: 'default',
    annotations: { 'pai.io/managed-by': 'git:example/repo' },
    labels: { team: 'platform', 'app.kubernetes.io/part-of': 'pai' },
    uid: '0b0f7f38-3c5e-4d1a-9a53-2c1f0a6a1e11',
    resourceVersion: '42',
    generation: 1,
    creationTimestamp: '2026-11-25T21:00:00.000Z',
  };
  it.each<[string, Doc]>([
    ['a live object read back from the server (server-owned metadata and status)', { ...withValue(nim(), 'metadata', live), status: { lastUsed: null, tokensUsedToday: 12 } }],
    ['an Agent without spec', withValue(minimal('Agent'), 'spec', undefined)],
    ['a Secret without spec', withValue(minimal('Secret'), 'spec', undefined)],
    ['a Secret with stringData, base64 data and a type', withValue(minimal('Secret'), 'spec', { type: 'Opaque', stringData: { 'api-key': 'x' }, data: { token: 'c2VjcmV0', 'a.b_c': '' } })],
    ['env from a literal and from a secretRef', withValue(minimal('Agent'), 'spec.env', [{ name: 'A', value: '1' }, { name: 'B', secretRef: { name: 'gh', key: 'token' } }])],
    ['each trigger kind', withValue(minimal('Agent'), 'spec.triggers', [{ webhook: {} }, { schedule: { cron: '0 9 * * 1-5', timezone: 'Europe/Berlin' } }, { telegram: { provider: 'tg' } }, { slack: { channels: ['#ops'] } }, { email: {} }])],
    ['legacy Agent fields (deprecated, accepted on input)', withValue(minimal('Agent'), 'spec', { type: 'task', agentDefinition: 'base', schedule: '*/5 * * * *', webhook: true, conversational: true, mcpServers: [{ name: 'x' }], managedAgentDefinitions: ['a'] })],
    ['nine memories (the limit of 8 is a check rule)', withValue(minimal('Agent'), 'spec.memories', Array.from({ length: 9 }, (_, i) => ({ name: `m${i}`, mountPath: `/m/${i}` })))],
    ['runAsUser 0 (refused by a check rule with a clear message)', withValue(minimal('Agent'), 'spec.runAsUser', 0)],
    ['a model reference without a slash (reported by the invalid-model-ref rule)', withValue(minimal('Agent'), 'spec.models', ['claude-sonnet-4-6'])],
    ['quantities as strings and numbers', withValue(minimal('Agent'), 'spec.resources', { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: 1, memory: '1.5Gi' } })],
    ['IPv4 and IPv6 CIDRs', withValue(minimal('Agent'), 'spec.inbound', { port: 8080, allowCIDRs: ['10.0.0.0/8', '203.0.113.7/32', '0.0.0.0/0', '2001:db8::/32', '::/0', 'fe80::1/128'], customDomain: 'bot.example.com' })],
    ['an AccessKey bound only to an Agent, with an expiry', withValue(minimal('AccessKey'), 'spec', { agent: 'reviewer', expiresAt: '2027-01-01T00:00:00Z', allowedCIDRs: ['192.168.0.0/16'] })],
    ['a Provider with every documented block', withValue(minimal('Provider'), 'spec', {
      type: 'mcp', host: 'mcp.example.com:8443',
      auth: { type: 'api-key', secretRef: 'mcp-key', secretKey: 'token', agentEnvVar: 'MCP_TOKEN', header: 'X-Api-Key', prefix: '', param: 'key' },
      config: { region: 'eu-west-1', project: 'p', tenantId: 't', services: ['s3'] },
      mcp: { transport: 'stdio', command: ['npx', 'server'] },
      policy: { allow: ['*'], deny: ['delete_*'], httpRules: [{ methods: ['GET', 'POST'], paths: ['/repos/*/*'], effect: 'allow' }], mcp: { allowedTools: ['search'], deniedTools: [] } },
      scope: { repositories: ['example/app'], channels: [], resources: ['arn:aws:s3:::bucket'] },
      audit: { logRequests: false, enforcement: 'audit' },
      externalAccess: { enabled: true, maxRequestsPerDay: 1000 },
    })],
    ['a GuardBinding with every documented field', withValue(minimal('GuardBinding'), 'spec', {
      classifier: { type: 'llamaGuard', endpoint: 'http://guard.internal:8080/v1', model: 'llama-guard-3', auth: { type: 'api-key', secretRef: 'guard-token' } },
      thresholds: { injection: 0.5, jailbreak: 1 },
    })],
  ])('%s', (_name, doc) => {
    expect(errorsOf(doc)).toEqual([]);
  });
});
