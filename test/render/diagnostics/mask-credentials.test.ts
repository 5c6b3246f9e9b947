import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/diagnostics/diagnostic.js';
import { DIAGNOSTIC_FORMATS, renderDiagnostics } from '../../../src/render/diagnostics/index.js';
import { maskCredentials } from '../../../src/render/diagnostics/mask-credentials.js';
import { inputOf } from './fixture.js';

// Fake keys shaped like each provider's (see src/diagnostics/redact.ts), assembled at run time so
// no key-shaped literal sits in the repository for secret scanners to flag.
const fake = (prefix: string, length = 24) => prefix + 'EXAMPLE0'.repeat(8).slice(0, length);
const KEYS: Array<[string, string]> = [
  ['Anthropic', fake('sk-ant-api03-')],
  ['OpenAI project', fake('sk-proj-')],
  ['NVIDIA', fake('nvapi-')],
  ['pai access key', fake('pak_')],
  ['pai admin token', fake('pai_tok_')],
  ['Google', fake('AIza', 35)],
  ['GitHub', fake('ghp_', 36)],
];

describe('maskCredentials', () => {
  for (const [name, key] of KEYS) {
    it(`masks a ${name} key in place, keeping the length`, () => {
      const line = `  apiKey: "${key}" # do not commit`;
      const masked = maskCredentials(line);
      expect(masked).toBe(`  apiKey: "${'*'.repeat(key.length)}" # do not commit`);
    });
  }

  it('leaves ordinary text alone: model names, resource names, URLs', () => {
    const text = 'model anthropic/claude-sonnet-4-6 on https://api.example.com/v1 for sk-team, skip-this-one';
    expect(maskCredentials(text)).toBe(text);
  });
});

describe('no format echoes a key, even from a careless message', () => {
  const key = fake('sk-ant-api03-');
  const d: Diagnostic = {
    code: 'inline-api-key',
    severity: 'error',
    message: `value ${key} is a key`,
    hint: `remove ${key}`,
    range: { file: 'a.yaml', line: 1, column: 9, endLine: 1, endColumn: 9 + key.length },
  };
  for (const format of DIAGNOSTIC_FORMATS) {
    it(format, () => {
      const out = renderDiagnostics(format, inputOf([d], { 'a.yaml': [`apiKey: ${key}`] }));
      expect(out).not.toContain(key);
      expect(out).toContain('*'.repeat(key.length));
    });
  }
});
