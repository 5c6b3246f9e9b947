import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';

// Bad input to `pai logs`, `pai usage` and the observability flags of `pai server`: one sentence
// that names the flag and how to fix it, exit 64 (usage), no stack trace, nothing on stdout.
const env = { PAI_SERVER: 'http://127.0.0.1:9', PAI_TOKEN: 'pai_tok_notused0123456789abcdef0123456789ab' };

describe('observability commands refuse bad input clearly', () => {
  it.each([
    [['logs', '--since', 'yesterday'], /--since "yesterday" is not a duration/, /1h|30m/],
    [['logs', '--until', '2026-13-45T00:00:00Z'], /--until "2026-13-45T00:00:00Z" is not a valid time/, /RFC 3339/],
    [['logs', '--limit', '0'], /limit/i, undefined],
    [['usage', '--by', 'model'], /--by|model/, undefined],
    [['usage', '--days', '91'], /days/i, undefined],
    [['server', '--request-log-retention', '5x', '--port', '0'], /--request-log-retention "5x" is not a duration/, /or 0 to turn it off/],
    [['server', '--no-metrics', '--metrics-port', '9100', '--port', '0'], /--metrics-port serves metrics, which --no-metrics turns off/, /drop one/],
  ])('pai %j', async (args, message, hint) => {
    const res = await runCli(args, { env });
    expect(res.code).toBe(64); // a bad flag value is a usage error (docs/cli.md)
    expect(res.stderr).toMatch(message);
    if (hint) expect(res.stderr).toMatch(hint);
    expect(res.stderr).not.toMatch(/\n\s+at /);
    expect(res.stdout).toBe('');
  });
});
