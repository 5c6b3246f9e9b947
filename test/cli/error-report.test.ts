import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ControlPlaneError, ControlPlaneUnreachableError } from '../../src/api/errors.js';
import { describeError, errorJson, formatErrorReport } from '../../src/cli/error-report.js';
import { clearSensitive, registerSensitive } from '../../src/cli/sensitive.js';
import { UserError } from '../../src/lib/user-error.js';

afterEach(() => clearSensitive());

const server = 'http://127.0.0.1:7070';
const cpError = (status: number, reason: string, message: string, extra: { hint?: string; diagnostics?: never[] | object[] } = {}, path = '/v1/namespaces/default/modelproviders/nvidia') =>
  new ControlPlaneError({ status, reason, message, ...extra } as never, { method: 'GET', path });

describe('describeError', () => {
  const cases: Array<[string, unknown, RegExp, RegExp]> = [
    ['unreachable: names the URL, suggests pai server / pai login', new ControlPlaneUnreachableError(server, 'ECONNREFUSED', 3), /cannot reach the control plane at http:\/\/127\.0\.0\.1:7070 \(connection refused\)/, /pai server.*pai login/],
    ['401: token rejected, log in again', cpError(401, 'Unauthorized', 'unknown token'), /rejected the credential/, /token rejected: run `pai login http:\/\/127\.0\.0\.1:7070` again/],
    ['403 wrong kind: access keys are for the gateway', cpError(403, 'WrongCredentialKind', 'pak on v1'), /accepts only admin tokens/, /access keys \(pak_…\) are for the LLM gateway/],
    ['404: the server sentence, and how to list', cpError(404, 'NotFound', 'ModelProvider "default/nvidia" not found'), /not found/, /pai get modelproviders/],
    ['409 exists: use pai apply -f', cpError(409, 'AlreadyExists', 'exists'), /exists/, /pai apply -f/],
    ['409 conflict: read again', cpError(409, 'Conflict', 'stale resourceVersion'), /stale/, /read it again/],
    ['413: the limit', cpError(413, 'PayloadTooLarge', 'too big'), /1 MiB/, /split/],
    ['503: unavailable, try again', cpError(503, 'ServiceUnavailable', 'x'), /unavailable \(HTTP 503\)/, /try again/],
    ['a config error keeps its hint', new UserError('no control plane is configured', 'log in'), /no control plane/, /log in/],
    ['a user error keeps its hint', new UserError('bad', 'fix it'), /bad/, /fix it/],
    ['a bug: no stack, a report hint', new TypeError('x is undefined'), /internal error: x is undefined/, /bug in pai/],
  ];
  for (const [title, err, message, hint] of cases) {
    it(title, () => {
      const report = describeError(err, { server });
      expect(report.message).toMatch(message);
      expect(report.hint).toMatch(hint);
      expect(formatErrorReport(report)).not.toMatch(/\n\s+at /);
    });
  }

  it('a server hint wins over the default one', () => {
    expect(describeError(cpError(404, 'NotFound', 'gone', { hint: 'server says' }), { server }).hint).toBe('server says');
  });

  it('422: each diagnostic as `code: message (pointer)`', () => {
    const report = describeError(cpError(422, 'Invalid', 'the ModelProvider is invalid', { diagnostics: [{ code: 'schema-enum', severity: 'error', message: 'provider must be one of …', pointer: '/spec/provider' }, { code: 'api-key-secret-required', severity: 'error', message: 'needs apiKeySecretRef' }] }), { server });
    expect(formatErrorReport(report)).toBe(
      ['Error: the ModelProvider is invalid', '  schema-enum: provider must be one of … (/spec/provider)', '  api-key-secret-required: needs apiKeySecretRef', 'Hint: `pai validate FILE` reports the same problems offline, with line numbers', ''].join('\n'),
    );
  });

  it('oclif parse errors become one line', () => {
    const err = Object.assign(new Error('The following error occurred:\n  Missing required flag provider\nSee more help with --help'), { oclif: { exit: 2 } });
    expect(describeError(err).message).toBe('Missing required flag provider');
    const args = Object.assign(new Error('Missing 1 required arg:\nurl  control plane URL\nSee more help with --help'), { oclif: { exit: 2 } });
    expect(describeError(args).message).toBe('Missing 1 required arg: url (control plane URL)');
  });
});

describe('output', () => {
  it('redacts registered values in text and JSON', () => {
    registerSensitive('sk-ant-CANARY');
    const report = describeError(new UserError('value sk-ant-CANARY leaked', 'hint sk-ant-CANARY'));
    expect(formatErrorReport(report)).not.toContain('CANARY');
    expect(JSON.stringify(errorJson(report))).not.toContain('CANARY');
  });

  it('the --json error has a format version and the server fields', () => {
    const report = describeError(cpError(409, 'AlreadyExists', 'exists'), { server });
    expect(errorJson(report)).toEqual({ formatVersion: 1, error: { message: 'exists', hint: 'use `pai apply -f FILE` to update it, or delete it first', status: 409, reason: 'AlreadyExists' } });
  });
});

describe('describeError: the project file', () => {
  it('a .pai.yaml without a source line is the user\'s to fix, not an internal error', async () => {
    const { sourceId } = await import('../../src/cli/git/repo.js');
    const root = mkdtempSync(path.join(tmpdir(), 'pai-project-file-'));
    writeFileSync(path.join(root, '.pai.yaml'), '# nothing here\n');
    let thrown: unknown;
    try {
      sourceId({ root }, root, undefined);
    } catch (err) {
      thrown = err;
    }
    const report = describeError(thrown);
    expect(report.message).toBe(`${path.join(root, '.pai.yaml')} has no \`source: NAME\` line`);
    expect(report.hint).toContain('source: NAME');
  });

});
