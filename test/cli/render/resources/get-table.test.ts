import { describe, expect, it } from 'vitest';
import { renderGetTable } from '../../../../src/cli/render/resources/get-table.js';
import { compactCount } from '../../../../src/cli/render/resources/columns.js';
import { renderTable } from '../../../../src/cli/render/resources/table.js';
import { agent, anthropic, NOW, nvidia, resource, secret } from './fixtures.js';

const base = { wide: false, allNamespaces: false, now: NOW };

describe('renderGetTable', () => {
  it('model providers: the documented columns, em dash for empty cells', () => {
    expect(renderGetTable([nvidia], { ...base, kind: 'ModelProvider' })).toBe(
      [
        'NAME     PROVIDER   ENDPOINT                              MAX/DAY   LAST USED   AGE',
        'nvidia   openai     https://integrate.api.nvidia.com/v1   —         —           5s',
        '',
      ].join('\n'),
    );
  });

  it('model providers with -A: namespace first, budgets compact, last used as an age', () => {
    expect(renderGetTable([anthropic, nvidia], { ...base, kind: 'ModelProvider', allNamespaces: true })).toBe(
      [
        'NAMESPACE   NAME        PROVIDER    ENDPOINT                              MAX/DAY   LAST USED   AGE',
        'team-a      anthropic   anthropic   —                                     5M        3m          4d1h',
        'default     nvidia      openai      https://integrate.api.nvidia.com/v1   —         —           5s',
        '',
      ].join('\n'),
    );
  });

  it('model providers -o wide: extra columns', () => {
    expect(renderGetTable([nvidia], { ...base, kind: 'ModelProvider', wide: true })).toBe(
      [
        'NAMESPACE   NAME     PROVIDER   ENDPOINT                              MAX/DAY   LAST USED   AGE   USED TODAY   ALLOWED MODELS                            API KEY                  EXTERNAL',
        'default     nvidia   openai     https://integrate.api.nvidia.com/v1   —         —           5s    0            z-ai/glm4.7,meta/llama-3.1-70b-instruct   nvidia-api-key/api-key   no',
        '',
      ].join('\n'),
    );
  });

  it('secrets: NAME KEYS AGE with keys comma-joined', () => {
    expect(renderGetTable([secret, resource('Secret', 'empty', {}, { created: '2026-11-25T21:00:00.000Z' })], { ...base, kind: 'Secret' })).toBe(
      [
        'NAME            KEYS             AGE',
        'anthropic-key   api-key,org-id   3h',
        'empty           —                5s',
        '',
      ].join('\n'),
    );
  });

  it('agents: NAME HARNESS MODELS AGE', () => {
    const plain = resource('Agent', 'ingest', { models: ['google/gemini-2.5-flash'] }, { created: '2026-11-25T21:00:00.000Z' });
    expect(renderGetTable([agent, plain], { ...base, kind: 'Agent' })).toBe(
      [
        'NAME       HARNESS   MODELS                                                AGE',
        'reviewer   claude    anthropic/claude-sonnet-4-6,google/gemini-2.5-flash   3m5s',
        'ingest     default   google/gemini-2.5-flash                               5s',
        '',
      ].join('\n'),
    );
  });

  it('an empty list still prints the header', () => {
    expect(renderGetTable([], { ...base, kind: 'Secret' })).toBe('NAME   KEYS   AGE\n');
  });

  it('an unknown kind falls back to NAME and AGE', () => {
    expect(renderGetTable([resource('Widget', 'w', {})], { ...base, kind: 'Widget' })).toBe('NAME   AGE\nw      5s\n');
  });
});

describe('renderTable', () => {
  it('pads all but the last column and trims trailing spaces', () => {
    expect(renderTable(['A', 'LONG HEADER', 'Z'], [['x', '', 'last']])).toBe('A   LONG HEADER   Z\nx   —             last\n');
  });
});

describe('compactCount', () => {
  const cases: Array<[unknown, string | undefined]> = [
    [999, '999'],
    [1000, '1k'],
    [200000, '200k'],
    [1500000, '1.5M'],
    [5000000, '5M'],
    [2e9, '2B'],
    [undefined, undefined],
    ['5', undefined],
  ];
  for (const [value, expected] of cases) it(`${String(value)} → ${String(expected)}`, () => expect(compactCount(value)).toBe(expected));
});
