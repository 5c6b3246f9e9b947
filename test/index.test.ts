/**
 * The library API (`import { validate, plan, apply } from 'pai'`), imported by the package's
 * name as a user's program does, against a real server: it returns data, yields apply's events
 * and never writes to stdout.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freshDataDir } from './helpers/data-dir.js';
import { startServer, type RunningServer } from './helpers/server.js';

type Pai = typeof import('../src/index.js');
let pai: Pai;
let server: RunningServer;
const work = mkdtempSync(path.join(tmpdir(), 'pai-library-'));

const CONFIG = `apiVersion: pai.io/v1
kind: Secret
metadata: {name: anthropic-key}
spec: {}
---
apiVersion: pai.io/v1
kind: ModelProvider
metadata: {name: anthropic}
spec:
  provider: anthropic
  apiKeySecretRef: {name: anthropic-key, key: api-key}
  maxTokensPerDay: 100000
`;

function configDir(name: string, text: string): string {
  const made = mkdtempSync(path.join(work, name + '-'));
  writeFileSync(path.join(made, 'pai.yaml'), text);
  return made;
}

beforeAll(async () => {
  pai = (await import('pai')) as unknown as Pai;
  server = await startServer({ dataDir: await freshDataDir() });
});
afterAll(async () => {
  await server?.stop();
});

describe('the library', () => {
  it('validate returns the diagnostics as data', async () => {
    const good = await pai.validate({ paths: [configDir('good', CONFIG)] });
    expect(good).toMatchObject({ ok: true, diagnostics: [], resources: 2 });
    const bad = await pai.validate({ paths: [configDir('bad', CONFIG.replace('maxTokensPerDay', 'maxTokenPerDay'))] });
    expect(bad.ok).toBe(false);
    expect(bad.diagnostics.map((d) => d.code)).toContain('schema-unknown-field');
  });

  it('plan and apply return data and events, and print nothing', async () => {
    const write = vi.spyOn(process.stdout, 'write');
    const target = { server: server.url, token: server.token, path: configDir('apply', CONFIG) };
    const planned = await pai.plan(target);
    expect(planned.ok).toBe(true);
    expect(planned.plan?.changes.map((c) => `${c.action} ${c.key.kind}/${c.key.name}`)).toEqual(['create Secret/anthropic-key', 'create ModelProvider/anthropic']);

    const events: string[] = [];
    for await (const event of pai.apply(target)) events.push(event.type);
    expect(events[0]).toBe('apply-started');
    expect(events.at(-1)).toBe('apply-finished');
    expect(events.filter((e) => e === 'resource-applied')).toHaveLength(2);

    const again = await pai.plan(target);
    expect(again.plan?.changes.filter((c) => c.action !== 'no-op')).toEqual([]);
    expect(write).not.toHaveBeenCalled();
    write.mockRestore();
  });

  it('apply with broken manifests throws ManifestErrors before writing anything', async () => {
    const other = CONFIG.replaceAll('anthropic-key', 'other-key').replace('name: anthropic}', 'name: other}');
    const target = { server: server.url, token: server.token, path: configDir('broken', other.replace('maxTokensPerDay', 'maxTokenPerDay')) };
    const run = async () => {
      for await (const _ of pai.apply(target)) void _;
    };
    await expect(run()).rejects.toMatchObject({ name: 'ManifestErrors' });
    const planned = await pai.plan({ ...target, path: configDir('check', other) });
    expect(planned.plan?.changes.map((c) => `${c.action} ${c.key.kind}/${c.key.name}`)).toEqual(['create Secret/other-key', 'create ModelProvider/other']);
  });
});
