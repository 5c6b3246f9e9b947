import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../../src/api/diagnostic.js';
import { DIAGNOSTIC_FORMATS, renderDiagnostics } from '../../../../src/cli/render/diagnostics/index.js';
import { maskText } from '../../../../src/api/redact.js';
import { inputOf } from './fixture.js';

// Fake keys shaped like each provider's (see src/api/redact.ts), assembled at run time so
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

describe('maskText: the credential net', () => {
  for (const [name, key] of KEYS) {
    it(`masks a ${name} key in place, keeping the length`, () => {
      const line = `  apiKey: "${key}" # do not commit`;
      const masked = maskText(line);
      expect(masked).toBe(`  apiKey: "${'*'.repeat(key.length)}" # do not commit`);
    });
  }

  it('leaves ordinary text alone: model names, resource names, URLs', () => {
    const text = 'model anthropic/claude-sonnet-4-6 on https://api.example.com/v1 for sk-team, skip-this-one';
    expect(maskText(text)).toBe(text);
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

describe('values secret by position are masked in every format, whatever they look like', () => {
  const value = 'hunter2-correct-horse';
  const d: Diagnostic = {
    code: 'schema-type',
    severity: 'error',
    message: `a careless message quoting ${value}`,
    hint: `or a hint: ${value}`,
    range: { file: 's.yaml', line: 5, column: 7, endLine: 5, endColumn: 7 + value.length },
  };
  const input = inputOf([d], {}, { sourceLine: () => ({ text: `spec: ${value}`, masked: [[6, 6 + value.length]] }), sensitiveValues: [value] });
  for (const format of DIAGNOSTIC_FORMATS) {
    it(format, () => {
      const out = renderDiagnostics(format, input);
      expect(out).not.toContain(value);
      expect(out).toContain('(secret)');
    });
  }

  it('the text excerpt shows the placeholder, with the carets moved under it', () => {
    expect(renderDiagnostics('text', input)).toContain(['5 | spec: (secret)', '  |       ^^^^^^^^'].join('\n'));
  });

  it('a range that starts before a masked value and ends inside it covers the whole placeholder', () => {
    const line = { text: 'k: [abc, secret-value-1]', masked: [[9, 23]] as Array<[number, number]> };
    const out = renderDiagnostics('text', inputOf([{ ...d, range: { file: 's.yaml', line: 1, column: 4, endLine: 1, endColumn: 15 } }], {}, { sourceLine: () => line }));
    expect(out).toContain(['1 | k: [abc, (secret)]', '  |    ^^^^^^^^^^^^^'].join('\n'));
  });

  it('a multi-line value is found however a message spells it: quoted in JSON, or one line of it', () => {
    const secret = 'first-secret-line\nsecond "quoted" line\n';
    for (const message of [`value ${JSON.stringify(secret)} is bad`, 'line 2 reads second "quoted" line']) {
      const out = maskText(message, [secret]);
      expect(out).not.toMatch(/first-secret-line|second .*quoted/);
      expect(out).toContain('(secret)');
    }
  });

  it('short values are masked by position only, not searched for in text', () => {
    expect(maskText('pin 12 of 123 and 1234', ['12', '1234'])).toBe('pin 12 of 123 and (secret)');
  });
});
