import { describe, expect, it } from 'vitest';
import { typeInto } from '../../src/cli/prompt-secret.js';

const start = { value: '', done: false, cancelled: false };

describe('typeInto', () => {
  it('collects characters until Enter', () => expect(typeInto(start, 'pai_tok_x\rignored')).toEqual({ value: 'pai_tok_x', done: true, cancelled: false }));
  it('handles Backspace', () => expect(typeInto(start, 'abc\u007f\u007fd').value).toBe('ad'));
  it('Ctrl-C cancels', () => expect(typeInto(start, 'ab\u0003').cancelled).toBe(true));
  it('ignores other control characters', () => expect(typeInto(start, 'a\u001bb').value).toBe('ab'));
  it('works across chunks (a paste arrives in pieces)', () => expect(typeInto(typeInto(start, 'pai_'), 'tok_x\n')).toEqual({ value: 'pai_tok_x', done: true, cancelled: false }));
});
