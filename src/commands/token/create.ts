import { Flags } from '@oclif/core';
import { ControlPlaneCommand } from '../../cli/base-command.js';
import { registerSensitive } from '../../cli/sensitive.js';
import { UserError } from '../../lib/user-error.js';
import type { TokenRole } from '../../resources/wire.js';

/** The `--json` payload of `pai token create`: the one place a token is ever shown. */
export interface TokenCreateResult {
  formatVersion: 1;
  name: string;
  token: string;
  role: TokenRole;
  expiresAt: string | null;
}

/** `90d`, `12h`, `30m`: how long a token lives (`--expires-in`). */
const DURATION = /^(\d{1,5})([dhm])$/;
const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000 } as const;

/** The expiry time `--expires-in` names, from now; a clear error for anything else. */
export function expiryFromDuration(text: string, now: number): string {
  const m = DURATION.exec(text.trim());
  const amount = Number(m?.[1] ?? 0);
  if (!m || amount === 0) throw new UserError(`--expires-in ${JSON.stringify(text)} is not a duration`, 'write a number and a unit: 90d (days), 12h (hours) or 30m (minutes)');
  return new Date(now + amount * UNIT_MS[m[2] as keyof typeof UNIT_MS]).toISOString();
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
