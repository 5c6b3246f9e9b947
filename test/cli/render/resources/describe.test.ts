import { describe, expect, it } from 'vitest';
import { renderDescribe } from '../../../../src/cli/render/resources/describe.js';
import { renderStructured, withoutSecretValues } from '../../../../src/cli/render/resources/structured.js';
import { agent, NOW, nvidia, secret } from './fixtures.js';

describe('renderDescribe', () => {
  it('a model provider', () => {
    expect(renderDescribe(nvidia, NOW)).toBe(
      [
        'Name:              nvidia',
        'Namespace:         default',
        'Kind:              ModelProvider',
        'API Version:       pai.io/v1',
        'UID:               6f1c2d3e-0000-4000-8000-000000000001',
        'Resource Version:  42',
        'Generation:        1',
        'Created:           2026-11-25T21:00:00.000Z (5s ago)',
        'Annotations:       <none>',
        'Spec:',
        '  provider:  openai',
        '  endpoint:  https://integrate.api.nvidia.com/v1',
        '  apiKeySecretRef:',
        '    name:  nvidia-api-key',
        '    key:   api-key',
        '  allowedModels:',
        '    - z-ai/glm4.7',
        '    - meta/llama-3.1-70b-instruct',
        'Status:',
        '  lastUsed:         <none>',
        '  tokensUsedToday:  0',
        '',
      ].join('\n'),
    );
  });

  it('a secret: key names and fingerprints, no values, no salt', () => {
    const leaky = { ...secret, spec: { stringData: { 'api-key': 'sk-ant-CANARY' }, data: { x: 'Q0FOQVJZ' } } };
    const out = renderDescribe(leaky, NOW);
    expect(out).not.toContain('CANARY');
    expect(out).not.toContain('Q0FOQVJZ');
    expect(out).not.toContain('00ff');
    expect(out).toContain(
      [
        'Keys:',
        '  KEY       FINGERPRINT',
        '  api-key   sha256:1111111111111111111111111111111111111111111111111111111111111111',
        '  org-id    sha256:2222222222222222222222222222222222222222222222222222222222222222',
        'Spec:  <none>',
        'Status:  <none>',
      ].join('\n'),
    );
  });

  it('multi-line strings, annotations and lists of objects', () => {
    const withMore = {
      ...agent,
      metadata: { ...agent.metadata, annotations: { 'pai.io/managed-by': 'git', team: 'a' } },
      spec: { ...agent.spec, env: [{ name: 'LOG_LEVEL', value: 'info' }, { name: 'TOKEN', secretRef: { name: 'gh', key: 'token' } }] },
    };
    const out = renderDescribe(withMore, NOW);
    expect(out).toContain('Annotations:       pai.io/managed-by=git\n                   team=a\n');
    expect(out).toContain('  system:   |\n    Review the pull request.\n    Be brief.\n');
    expect(out).toContain('  env:\n    - name:   LOG_LEVEL\n      value:  info\n    - name:  TOKEN\n      secretRef:\n        name:  gh\n        key:   token\n');
  });
});

describe('Used by', () => {
  it('lists what names the resource, with where; "<none>" when nothing does; absent when not asked', () => {
    const used = renderDescribe(nvidia, NOW, [
      { kind: 'Agent', name: 'bot', pointer: '/spec/models/0' },
      { kind: 'AccessKey', name: 'laptop', pointer: '/spec/modelProviders/0' },
    ]);
    expect(used.endsWith('Used by:\n  agent/bot  (/spec/models/0)\n  accesskey/laptop  (/spec/modelProviders/0)\n')).toBe(true);
    expect(renderDescribe(nvidia, NOW, [])).toMatch(/\nUsed by: {2}<none>\n$/);
    expect(renderDescribe(nvidia, NOW)).not.toContain('Used by');
  });
});

describe('structured output', () => {
  it('drops secret values from a Secret', () => {
    const leaky = { ...secret, spec: { stringData: { k: 'v' }, data: { k: 'dg==' }, other: 1 } };
    expect(withoutSecretValues(leaky).spec).toEqual({ other: 1 });
  });
  it('leaves other kinds alone', () => expect(withoutSecretValues(nvidia)).toBe(nvidia));
  it('json and yaml', () => {
    expect(renderStructured({ a: [1] }, 'json')).toBe('{\n  "a": [\n    1\n  ]\n}\n');
    expect(renderStructured({ a: [1] }, 'yaml')).toBe('a:\n  - 1\n');
  });
});
