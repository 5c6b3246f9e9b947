import { UserError } from '../../../lib/user-error.js';
import { Flags } from '@oclif/core';
import { PaiCommand, contextFlag } from '../../base-command.js';
import { registerSensitive } from '../../sensitive.js';
import { resolveConnection } from '../../config/connection.js';
import { gatewayVariables, renderExports, SHELLS, type Shell } from '../../gateway-env.js';

/** The `--json` payload of `pai gateway env`: the variables, the key included (it is what was asked for). */
export interface GatewayEnvResult {
  formatVersion: 1;
  server: string;
  variables: Record<string, string>;
}

export default class GatewayEnv extends PaiCommand {
  static override summary = 'Print the variables that point OpenAI- and Anthropic-compatible clients at the gateway.';
  static override description = `Uses the current context's server and access key (pai login URL --access-key pak_…):
OPENAI_BASE_URL=<server>/ext/v1, OPENAI_API_KEY, ANTHROPIC_BASE_URL=<server>/ext and
ANTHROPIC_AUTH_TOKEN. Values are quoted for the shell, so the output can be evaluated:
  eval "$(pai gateway env)"                        # sh, bash, zsh
  pai gateway env --shell fish | source
  pai gateway env --shell powershell | Invoke-Expression`;
  static override examples = ['eval "$(<%= config.bin %> gateway env)"', '<%= config.bin %> gateway env --shell fish | source'];
  static override enableJsonFlag = true;
  static override flags = {
    shell: Flags.string({ description: 'the syntax to print', options: [...SHELLS], default: 'sh' }),
    context: contextFlag,
  };

  async run(): Promise<GatewayEnvResult> {
    const { flags } = await this.parse(GatewayEnv);
    const connection = resolveConnection(this.loadConfig().config, { ...(flags.context ? { context: flags.context } : {}) });
    this.serverUrl = connection.server;
    if (!connection.accessKey) {
      const where = connection.contextName ? `context ${connection.contextName}` : connection.server;
      throw new UserError(
        `${where} has no access key`,
        `log in with one: \`pai login ${connection.server} --access-key pak_…\` (an admin creates it with \`pai access-key create\`)`,
      );
    }
    const vars = gatewayVariables(connection.server, connection.accessKey);
    // The key is the output here; it is written raw to stdout (not through print's redaction),
    // and registered afterwards so that no error message could repeat it.
    if (!this.jsonEnabled()) process.stdout.write(renderExports(vars, flags.shell as Shell));
    registerSensitive(connection.accessKey);
    return { formatVersion: 1, server: connection.server, variables: Object.fromEntries(vars) };
  }
}
