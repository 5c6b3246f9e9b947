import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli, type CliResult } from '../helpers/cli.js';
import { useFreshServer } from '../server/http/fresh-server.js';

/**
 * Issue 11, "mask by position, not by shape": the corpus in fixtures/sensitive holds malformed
 * Secrets whose values match no known credential format (a plain phrase, only digits, a
 * multi-line value, a value in a list …). They go through every output a user or an attacker can
 * see — validate in every format, plan in every format against a real server, `apply -f`, the
 * API directly — and no value of values.txt may appear in stdout, stderr, a body or the server log.
 */
const CORPUS = path.join(REPO_ROOT, 'fixtures', 'sensitive');
const VALUES = readFileSync(path.join(CORPUS, 'values.txt'), 'utf8').split('\n').filter(Boolean);
const VALID_YAML = path.join(CORPUS, 'yaml-valid');
const VALID_FILES = readdirSync(VALID_YAML).filter((f) => f.endsWith('.yaml')).sort();

/** The values of the corpus found in `text` (the multi-line value's lines are listed one by one). */
function leaked(text: string): string[] {
  return VALUES.filter((v) => text.includes(v));
}

const ctx = useFreshServer();
const configDir = mkdtempSync(path.join(tmpdir(), 'pai-mask-config-'));

function pai(args: string[], cwd = REPO_ROOT): Promise<CliResult> {
  return runCli(args, { cwd, env: { PAI_CONFIG: path.join(configDir, 'config.json'), PAI_SERVER: ctx.server.url, PAI_TOKEN: ctx.server.token } });
}

describe('secret values are masked by position, whatever their shape', () => {
  it('the corpus is what it claims: every value is in it, and validate finds errors', async () => {
    const text = readdirSync(CORPUS, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.yaml'))
      .map((e) => readFileSync(path.join(e.parentPath, e.name), 'utf8'))
      .join('\n');
    expect(leaked(text)).toEqual(VALUES);
  });

  it.each(['text', 'json', 'github', 'sarif'])('pai validate --format %s', async (format) => {
    const r = await pai(['validate', CORPUS, '--format', format]);
    expect(r.code).toBe(1);
    expect(r.stdout.length).toBeGreaterThan(100);
    expect(leaked(r.stdout + r.stderr)).toEqual([]);
  });

  it('the text format still points at the right place: carets under the placeholder', async () => {
    const r = await pai(['validate', path.join(VALID_YAML, 'spec-string.yaml')]);
    expect(r.stdout).toContain('5 | spec: (secret)\n  |       ^^^^^^^^');
  });

  it.each(['text', 'json', 'markdown'])('pai plan --format %s', async (format) => {
    const r = await pai(['plan', CORPUS, '--format', format]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error[');
    expect(leaked(r.stdout + r.stderr)).toEqual([]);
  });

  it.each(VALID_FILES)('pai apply -f %s', async (file) => {
    const r = await pai(['apply', '-f', path.join(VALID_YAML, file)]);
    expect(r.code).not.toBe(0);
    expect(leaked(r.stdout + r.stderr)).toEqual([]);
  });

  it('pai apply -f on broken YAML refuses before sending, without a value', async () => {
    const r = await pai(['apply', '-f', path.join(CORPUS, 'yaml-broken')]);
    expect(r.code).not.toBe(0);
    expect(leaked(r.stdout + r.stderr)).toEqual([]);
  });

  it.each(VALID_FILES)('the API answers %s with a 4xx that holds no value (single write and batch)', async (file) => {
    const manifest = parse(readFileSync(path.join(VALID_YAML, file), 'utf8')) as Record<string, unknown>;
    const api = ctx.api;
    const single = await api.call('POST', '/v1/namespaces/default/secrets', manifest);
    expect(single.status).toBeGreaterThanOrEqual(400);
    expect(single.status).toBeLessThan(500);
    expect(leaked(single.text)).toEqual([]);
    const batch = await api.call('POST', '/v1/batch', { operations: [{ op: 'put', resource: manifest }] });
    expect(batch.status).toBeGreaterThanOrEqual(400);
    expect(batch.status).toBeLessThan(500);
    expect(leaked(batch.text)).toEqual([]);
  });

  it('a plan of a Secret with values in git refuses it (secret-values-in-config) and shows no value, in every format', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pai-mask-plan-'));
    const file = path.join(dir, 'secret.yaml');
    const secret = (value: string) => `apiVersion: pai.io/v1\nkind: Secret\nmetadata:\n  name: plan-masked\nspec:\n  stringData:\n    key: ${value}\n`;
    writeFileSync(file, secret('first-plain-value-7'));
    expect((await pai(['apply', '-f', file])).code).toBe(0);
    writeFileSync(file, secret('second-plain-value-8'));
    for (const format of ['text', 'json', 'markdown']) {
      const r = await pai(['plan', dir, '--format', format]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('secret-values-in-config');
      expect(r.stdout + r.stderr).not.toMatch(/first-plain-value-7|second-plain-value-8/);
    }
  });

  it('the server log holds no value', () => {
    expect(leaked(ctx.server.output())).toEqual([]);
  });
});
