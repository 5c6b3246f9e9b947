import { Args, Flags } from '@oclif/core';
import { ControlPlaneClient } from '../client/control-plane-client.js';
import { ControlPlaneError } from '../../api/errors.js';
import { PaiCommand } from '../base-command.js';
import { classifyCredential, type LoginCredential } from '../login-credential.js';
import { promptSecret } from '../prompt-secret.js';
import { readSecretFromStdin } from '../read-input.js';
import { UserError } from '../../lib/user-error.js';
import { VERSION } from '../version.js';
import { configPath, readConfig, writeConfig } from '../config/config-file.js';
import { defaultContextName, saveLogin } from '../config/contexts.js';
import { normaliseServerUrl } from '../config/server-url.js';

/** The `--json` payload of `pai login`: where, as whom, never the credential. */
export interface LoginResult {
  formatVersion: 1;
  context: string;
  server: string;
  credential: LoginCredential['kind'];
  /** False when an access key could not be checked (the server has no LLM gateway yet). */
  verified: boolean;
  /** Whether the saved context is now the current one. */
  current: boolean;
  user?: string;
}

export default class Login extends PaiCommand {
  static override summary = 'Log in to a control plane and save it as a named context.';
  static override description = `URL forms: a bare host name means https (pairun.dev), host:port means http
(127.0.0.1:7070), a full URL is kept. The credential is checked against the server first,
then saved in ~/.pai/config.json (mode 0600; PAI_CONFIG overrides the path).

Admin tokens (pai_tok_…) are for the control plane API; access keys (pak_…) only for the
LLM gateway. Without --token/--access-key the credential is taken from PAI_TOKEN, or asked
for on a terminal without echo; "-" reads it from stdin.`;
  static override examples = [
    '<%= config.bin %> login http://127.0.0.1:7070 --token pai_tok_…',
    'cat admin.token | <%= config.bin %> login 127.0.0.1:7070 --token -',
    '<%= config.bin %> login pairun.dev --access-key pak_… --context dev@pairun',
    '<%= config.bin %> login 127.0.0.1:7070 --token pai_tok_… --namespace team-a',
  ];
  static override enableJsonFlag = true;
  static override args = { url: Args.string({ ignoreStdin: true, description: 'control plane URL', required: true }) };
  static override flags = {
    token: Flags.string({ description: 'admin token pai_tok_… (- reads stdin)', exclusive: ['access-key'] }),
    'access-key': Flags.string({ description: 'access key pak_… for the LLM gateway (- reads stdin)' }),
    context: Flags.string({ description: "name of the context to save (default: the token's or key's name @ the server's host)" }),
    use: Flags.boolean({ description: 'make the saved context the current one (an admin token login always does; an access key login only when no context is current)', default: false }),
    namespace: Flags.string({ char: 'n', description: 'the namespace commands of this context use when -n is not given' }),
  };

  async run(): Promise<LoginResult> {
    const { args, flags } = await this.parse(Login);
    const server = normaliseServerUrl(args.url);
    this.serverUrl = server;
    const credential = await this.credential(flags.token, flags['access-key']);
    const { user, verified } = await this.verify(server, credential);
    if (!verified) this.note(`Warning: the access key could not be verified: ${server} has no LLM gateway yet (GET /ext/v1/models answered 404); saved anyway.`);

    const file = configPath();
    const name = flags.context ?? defaultContextName(user ?? 'access-key', server);
    const entry = {
      server,
      ...(credential.kind === 'token' ? { token: credential.value } : { accessKey: credential.value }),
      ...(flags.namespace ? { namespace: flags.namespace } : {}),
    };
    // An access key is for the LLM gateway: saving one must not take the admin's current context away.
    const config = saveLogin(readConfig(file), name, entry, { use: flags.use || credential.kind === 'token' });
    writeConfig(config, file);
    const current = config.currentContext === name;
    const as = credential.kind === 'token' ? `as ${user} (admin token)` : `with the access key ${user ?? '(name unknown)'}`;
    const context = current ? `Context ${name} is now current` : `Context ${name} saved; the current context is still ${config.currentContext} (\`pai context use ${name}\` switches)`;
    this.print(`Logged in to ${server} ${as}.\n${context} (${file}).\n`);
    return { formatVersion: 1, context: name, server, credential: credential.kind, verified, current, ...(user !== undefined ? { user } : {}) };
  }

  private async credential(token: string | undefined, accessKey: string | undefined): Promise<LoginCredential> {
    if (token !== undefined) return classifyCredential(token === '-' ? await readSecretFromStdin('token') : token, 'token');
    if (accessKey !== undefined) return classifyCredential(accessKey === '-' ? await readSecretFromStdin('access key') : accessKey, 'access-key');
    if (process.env.PAI_TOKEN?.trim()) return classifyCredential(process.env.PAI_TOKEN, 'token');
    if (!process.stdin.isTTY) {
      throw new UserError('no credential given', 'pass --token pai_tok_… (or --access-key pak_…), or set PAI_TOKEN; the credential is asked for only on a terminal');
    }
    return classifyCredential(await promptSecret('Admin token (pai_tok_…) or access key (pak_…): '));
  }

  /** Checks the credential with the server; `user` is the name of the token or of the key's AccessKey. */
  private async verify(server: string, credential: LoginCredential): Promise<{ user: string | undefined; verified: boolean }> {
    const client = new ControlPlaneClient({ baseUrl: server, userAgent: `pai/${VERSION}`, ...(credential.kind === 'token' ? { bearer: credential.value } : {}) });
    try {
      if (credential.kind === 'token') return { user: (await client.whoami()).name, verified: true };
      const probe = await client.probeAccessKey(credential.value);
      return { user: probe.outcome === 'accepted' ? probe.accessKeyName : undefined, verified: probe.outcome === 'accepted' };
    } catch (err) {
      if (err instanceof ControlPlaneError && (err.status === 401 || err.status === 403)) {
        // The server's reason as it sent it: a key refused for the caller's address must not read as a bad key.
        throw new UserError(
          `${server} rejected the ${credential.kind === 'token' ? 'admin token' : 'access key'} (HTTP ${err.status}: ${err.message}); nothing was saved`,
          err.hint ??
            (credential.kind === 'token'
              ? 'check the token: `pai server` prints the first admin token once and writes it to <data-dir>/admin.token; `pai token create` makes more'
              : err.status === 401
                ? 'check the key, and that it has not been revoked; access keys are for the LLM gateway only'
                : undefined),
        );
      }
      throw err;
    } finally {
      await client.close();
    }
  }
}
