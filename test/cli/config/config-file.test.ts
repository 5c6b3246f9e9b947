import { UserError } from '../../../src/lib/user-error.js';
import { mkdtempSync, readFileSync, statSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configPath, emptyConfig, readConfig, writeConfig, type PaiConfig } from '../../../src/cli/config/config-file.js';

const tempDir = () => mkdtempSync(path.join(tmpdir(), 'pai-config-test-'));
const sample: PaiConfig = { formatVersion: 1, currentContext: 'a@h', contexts: { 'a@h': { server: 'http://h:1', token: 'pai_tok_x' } } };

describe('configPath', () => {
  it('honours PAI_CONFIG', () => expect(configPath({ PAI_CONFIG: '/tmp/x/config.json' })).toBe('/tmp/x/config.json'));
  it('defaults to ~/.pai/config.json', () => expect(configPath({})).toMatch(/[/\\]\.pai[/\\]config\.json$/));
});

describe('readConfig / writeConfig', () => {
  it('a missing file reads as an empty config', () => expect(readConfig(path.join(tempDir(), 'none.json'))).toEqual(emptyConfig()));

  it('round-trips', () => {
    const file = path.join(tempDir(), 'config.json');
    writeConfig(sample, file);
    expect(readConfig(file)).toEqual(sample);
  });

  it('writes the file 0600 and creates its directory 0700', () => {
    const file = path.join(tempDir(), 'new-dir', 'config.json');
    writeConfig(sample, file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
  });

  it('tightens an existing file that was too open', () => {
    const file = path.join(tempDir(), 'config.json');
    writeFileSync(file, '{}', { mode: 0o644 });
    writeConfig(sample, file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('leaves no temporary files behind', () => {
    const dir = tempDir();
    writeConfig(sample, path.join(dir, 'config.json'));
    writeConfig(emptyConfig(), path.join(dir, 'config.json'));
    expect(readdirSync(dir)).toEqual(['config.json']);
    expect(JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8'))).toEqual(emptyConfig());
  });

  it('a current context that does not exist reads as none', () => {
    const file = path.join(tempDir(), 'config.json');
    writeFileSync(file, JSON.stringify({ formatVersion: 1, currentContext: 'gone', contexts: {} }));
    expect(readConfig(file).currentContext).toBeNull();
  });

  const broken: Array<[string, string, RegExp]> = [
    ['invalid JSON', '{nope', /not valid JSON/],
    ['a list', '[]', /expected shape/],
    ['a context without a server', '{"contexts":{"a":{}}}', /expected shape/],
    ['a newer format', '{"formatVersion":2,"contexts":{}}', /newer pai/],
  ];
  for (const [title, text, message] of broken) {
    it(`refuses ${title} with a hint`, () => {
      const file = path.join(tempDir(), 'config.json');
      writeFileSync(file, text);
      expect(() => readConfig(file)).toThrow(message);
      try {
        readConfig(file);
      } catch (err) {
        expect(err).toBeInstanceOf(UserError);
        expect((err as UserError).hint).toBeTruthy();
      }
    });
  }
});
