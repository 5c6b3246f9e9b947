import { describe, expect, it } from 'vitest';
import { usageFromJsonText, withModel } from '../../../../src/server/gateway/protocol/usage.js';

describe('usage and model in response text', () => {
  it.each([
    ['OpenAI', 'openai', '{"id":"x","model":"m","usage":{"prompt_tokens":3,"completion_tokens":4,"total_tokens":7,"prompt_tokens_details":{"cached_tokens":1}}}', 7],
    ['Anthropic with cache tokens', 'anthropic', '{"model":"m","content":[],"usage":{"input_tokens":3,"cache_creation_input_tokens":2,"output_tokens":4}}', 9],
    ['no usage', 'openai', '{"model":"m"}', undefined],
  ] as const)('reads the usage of an %s response', (_what, dialect, text, total) => {
    expect(usageFromJsonText(text, dialect)?.total).toBe(total);
  });

  it('replaces the top-level model only, leaving content that mentions "model" alone', () => {
    const text = JSON.stringify({ model: 'up', choices: [{ message: { content: '"model":"evil"' } }] });
    const out = JSON.parse(withModel(text, 'p/m'));
    expect(out.model).toBe('p/m');
    expect(out.choices[0].message.content).toBe('"model":"evil"');
  });
});
