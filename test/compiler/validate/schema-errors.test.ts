import { describe, expect, it } from 'vitest';
import { validateManifest } from '../../../src/compiler/validate/index.js';

const secret = (spec: unknown) => ({ apiVersion: 'pai.io/v1', kind: 'Secret', metadata: { name: 's' }, spec });

describe('schema messages never quote a value at a sensitive position', () => {
  it.each([
    ['a spec that is a string', 'plain-words-value', secret('plain-words-value'), 'spec must be a mapping, not a string (secret)'],
    ['a value that is a number', '918273645501', secret({ stringData: { pin: 918273645501 } }), 'spec.stringData.pin must be a string, not a number (secret)'],
    ['a value that is a boolean', 'true', secret({ stringData: { flag: true } }), 'spec.stringData.flag must be a string, not a boolean (secret)'],
    ['data that is not base64', 'not base64!', secret({ data: { k: 'not base64!' } }), 'spec.data.k (secret) does not have the expected format'],
  ])('%s', (_name, value, manifest, message) => {
    const diagnostics = validateManifest(manifest);
    expect(diagnostics.map((d) => d.message)).toEqual([message]);
    expect(JSON.stringify(diagnostics)).not.toContain(value);
  });

  it('values elsewhere are still quoted, to say what is wrong', () => {
    const [d] = validateManifest({ apiVersion: 'pai.io/v1', kind: 'Secret', metadata: { name: 'Not_A_Name' }, spec: {} });
    expect(d!.message).toContain('"Not_A_Name"');
  });
});
