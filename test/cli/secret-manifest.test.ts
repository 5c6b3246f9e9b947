import { afterEach, describe, expect, it } from 'vitest';
import { buildSecretManifest } from '../../src/cli/secret-manifest.js';
import { clearSensitive, redact } from '../../src/cli/sensitive.js';

afterEach(() => clearSensitive());

describe('buildSecretManifest', () => {
  const files: Record<string, string> = { 'a.env': 'ORG=acme\n# c\nREGION="eu west"\n' };
  const read = (f: string) => {
    if (!(f in files)) throw new Error('ENOENT');
    return files[f]!;
  };

  it('merges literals and env files into stringData and registers every value', () => {
    const m = buildSecretManifest({ name: 's', namespace: 'team-a', literals: ['api-key=sk-ant-CANARY'], envFiles: ['a.env'] }, read);
    expect(m).toEqual({ apiVersion: 'pai.io/v1', kind: 'Secret', metadata: { name: 's', namespace: 'team-a' }, spec: { stringData: { 'api-key': 'sk-ant-CANARY', ORG: 'acme', REGION: 'eu west' } } });
    expect(redact('sk-ant-CANARY acme eu west')).toBe('(secret) (secret) (secret)');
  });

  it('refuses a key given twice', () => expect(() => buildSecretManifest({ name: 's', namespace: 'd', literals: ['k=1', 'k=2'], envFiles: [] }, read)).toThrow(/given twice/));
  it('refuses no values at all', () => expect(() => buildSecretManifest({ name: 's', namespace: 'd', literals: [], envFiles: [] }, read)).toThrow(/no secret values/));
  it('names an unreadable env file', () => expect(() => buildSecretManifest({ name: 's', namespace: 'd', literals: [], envFiles: ['missing.env'] }, read)).toThrow(/missing\.env/));
});
