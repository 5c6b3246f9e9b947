import { Flags } from '@oclif/core';
import { ControlPlaneCommand } from '../../base-command.js';
import { registerSensitive } from '../../sensitive.js';
import { durationMs } from '../../duration.js';
import type { TokenRole } from '../../../api/wire.js';

/** The `--json` payload of `pai token create`: the one place a token is ever shown. */
export interface TokenCreateResult {
  formatVersion: 1;
  name: string;
  token: string;
  role: TokenRole;
  expiresAt: string | null;
}

/** The expiry time `--expires-in` names (90d, 12h, 30m), from now; a clear error for anything else. */
export function expiryFromDuration(text: string, now: number): string {
  return new Date(now + durationMs(text, '--expires-in')).toISOString();
}

export default class TokenCreate extends ControlPlaneCommand {
  static override summary = 'Create an admin token (e.g. for CI) with a role and an optional expiry; it is printed once.';
  static override description = `The token goes to stdout alone, so that it can be captured:
  TOKEN=$(pai token create --name ci-plan --role read --expires-in 90d)
Roles: read (GET and LIST everything; enough for \`pai plan\`), apply (also write resources and
Secrets: \`pai apply\`), admin (also manage tokens and AccessKey keys). An expired token gets 401.
The control plane keeps only a hash: store the token now (e.g. as a CI secret).`;
  static override examples = [
    '<%= config.bin %> token create --name ci-plan --role read --expires-in 90d',
    '<%= config.bin %> token create --name ci-apply --role apply --expires-in 90d',
  ];
  static override enableJsonFlag = true;
  static override flags = {
    name: Flags.string({ description: 'a name for the token (to list and revoke it)', required: true }),
    role: Flags.string({ description: 'what the token may do', options: ['read', 'apply', 'admin'], default: 'admin' }),
    'expires-in': Flags.string({ description: 'how long the token works, e.g. 90d, 12h, 30m [default: never expires]' }),
  };

  async run(): Promise<TokenCreateResult> {
    const { flags } = await this.parse(TokenCreate);
    const expiresIn = flags['expires-in'];
    const created = await this.connect(flags.context).tokens.create(flags.name, {
      role: flags.role as TokenRole,
      ...(expiresIn !== undefined ? { expiresAt: expiryFromDuration(expiresIn, Date.now()) } : {}),
    });
    // Printed on purpose, exactly once; anything else that would echo it is redacted.
    if (!this.jsonEnabled()) process.stdout.write(`${created.token}\n`);
    const expiry = created.expiresAt ? `, expires ${created.expiresAt}` : '';
    this.note(`token ${JSON.stringify(created.name)} (role ${created.role}${expiry}) created; it is shown only this once — store it now`);
    registerSensitive(created.token);
    return { formatVersion: 1, name: created.name, token: created.token, role: created.role, expiresAt: created.expiresAt };
  }
}
