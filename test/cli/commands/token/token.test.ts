import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../../../helpers/cli.js';
import { useFreshServer } from '../../../server/http/fresh-server.js';

const ctx = useFreshServer();
const configFile = path.join(mkdtempSync(path.join(tmpdir(), 'pai-token-cli-')), 'config.json');

/** The real CLI against the test server, with the given admin token and an isolated config. */
function pai(args: string[], token = ctx.server.token) {
  return runCli(args, { env: { PAI_CONFIG: configFile, PAI_SERVER: ctx.server.url, PAI_TOKEN: token } });
}

describe('pai token create --role --expires-in, pai token list', () => {
  it('creates a read token that expires in 90 days; --json pins the shape', async () => {
    const before = Date.now();
    const res = await pai(['token', 'create', '--name', 'ci-plan', '--role', 'read', '--expires-in', '90d', '--json']);
    expect(res.code, res.stderr).toBe(0);
    const out = JSON.parse(res.stdout);
    expect(Object.keys(out).sort()).toEqual(['expiresAt', 'formatVersion', 'name', 'role', 'token']);
    expect(out).toMatchObject({ formatVersion: 1, name: 'ci-plan', role: 'read' });
    expect(out.token).toMatch(/^pai_tok_/);
    const expires = Date.parse(out.expiresAt) - before;
    expect(expires).toBeGreaterThanOrEqual(90 * 86_400_000);
    expect(expires).toBeLessThan(90 * 86_400_000 + 60_000);
  });

  it('the token alone on stdout; role and expiry on stderr', async () => {
    const res = await pai(['token', 'create', '--name', 'ci-apply', '--role', 'apply']);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/^pai_tok_[\w-]+\n$/);
    expect(res.stderr).toMatch(/role apply/);
  });

  it('lists role, age, expiry and last use, never a token', async () => {
    const table = await pai(['token', 'list']);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^NAME\s+ROLE\s+AGE\s+EXPIRES\s+LAST USED\n/);
    expect(table.stdout).toMatch(/\nci-plan\s+read\s+\d+s\s+in 89d\s/);
    expect(table.stdout).toMatch(/\nadmin\s+admin\s+\d+\w*\s+never\s/);
    expect(table.stdout).not.toMatch(/pai_tok_/);
    const json = JSON.parse((await pai(['token', 'list', '--json'])).stdout);
    expect(json.formatVersion).toBe(1);
    for (const item of json.items) expect(Object.keys(item).sort()).toEqual(['createdAt', 'expiresAt', 'lastUsed', 'name', 'role']);
  });

  it('a read token runs pai plan, and pai apply -f is refused with the role it lacks', async () => {
    const read = JSON.parse((await pai(['token', 'create', '--name', 'plan-only', '--role', 'read', '--json'])).stdout).token as string;
    const plan = await pai(['plan', path.join(REPO_ROOT, 'fixtures/examples'), '--detailed-exitcode'], read);
    expect(plan.code, plan.stderr).toBe(2);
    const apply = await pai(['apply', '-f', path.join(REPO_ROOT, 'fixtures/examples/secrets.yaml')], read);
    expect(apply.code).toBe(1);
    expect(apply.stderr).toMatch(/role read; this call needs apply/);
    expect(apply.stderr).not.toMatch(/\n\s+at /);
    const minted = await pai(['token', 'create', '--name', 'escalate', '--role', 'admin'], read);
    expect(minted.code).toBe(1);
    expect(minted.stderr).toMatch(/needs admin/);
  });

  it.each(['3 weeks', '0d', '90', '-1d'])('--expires-in %j is refused with a clear error', async (value) => {
    const res = await pai(['token', 'create', '--name', 'bad', '--expires-in', value]);
    expect(res.code).toBe(64);
    expect(res.stderr).toMatch(/is not a duration/);
    expect(res.stderr).toMatch(/90d/);
    expect(res.stdout).toBe('');
  });
});
